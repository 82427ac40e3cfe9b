using System;
using System.Linq;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Creates batches. The service replaces a project's whole batch list (POST /batches/{projectId}), so the
    /// current list is read and sent back with the new batches added, as the SDK does. A name the project
    /// already uses is refused before anything is sent.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "AngoBatch", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AngoBatch))]
    public sealed class NewAngoBatch : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>One or more names; several are created with one request.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = new string[0];

        [Parameter]
        public string? Description { get; set; }

        /// <summary>A hex colour such as #1e90ff.</summary>
        [Parameter]
        [ValidatePattern("^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
        public string? Color { get; set; }

        protected override void ProcessRecord()
        {
            var names = Name.Select(n => n.Trim()).ToList();
            var repeated = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (names.Any(n => n.Length == 0) || repeated != null)
            {
                WriteError(ErrorRecords.From(LabelOpsException.InvalidArgument(repeated != null ? "The name '" + repeated.Key + "' is given twice." : "A batch name is empty."), Name));
                return;
            }
            if (!ShouldProcess(ProjectId, "Create batch(es) " + string.Join(", ", names.Select(n => "'" + n + "'")))) return;
            RunForItem(names.Count == 1 ? (object)names[0] : names.ToArray(), async (bridge, token) =>
            {
                var client = ClientFor(bridge);
                var existing = await client.GetBatchesAsync(ProjectId, token).ConfigureAwait(false);
                var taken = names.Where(n => existing.Any(b => string.Equals(b.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
                if (taken.Count > 0)
                {
                    throw new LabelOpsException(ErrorReason.Conflict, "Project " + ProjectId + " already has a batch named " + string.Join(", ", taken.Select(n => "'" + n + "'")) + "; nothing was created.");
                }
                var wanted = existing.Concat(names.Select(n => new AngoBatch { Name = n, Description = Description, Color = Color })).ToList();
                var after = await client.SetBatchesAsync(ProjectId, wanted, token).ConfigureAwait(false);
                foreach (var name in names)
                {
                    var created = after.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
                    if (created == null)
                    {
                        throw new LabelOpsException(ErrorReason.InvalidResponse, "Ango accepted the batch list but its answer has no batch named '" + name + "'.");
                    }
                    bridge.WriteObject(created);
                }
            });
        }
    }
}
