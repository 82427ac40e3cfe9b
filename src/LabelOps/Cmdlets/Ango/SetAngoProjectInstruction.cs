using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>Uploads a file as the project's labeling instructions (replacing the current ones).</summary>
    [Cmdlet(VerbsCommon.Set, "AngoProjectInstruction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AngoProject))]
    public sealed class SetAngoProjectInstruction : AngoCmdlet
    {
        /// <summary>The file types Ango Hub shows as instructions (documents, images, Markdown, HTML), with the content type sent.</summary>
        private static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".pdf"] = "application/pdf",
            [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            [".png"] = "image/png",
            [".jpg"] = "image/jpeg",
            [".jpeg"] = "image/jpeg",
            [".md"] = "text/markdown",
            [".html"] = "text/html",
        };

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Write the project (read again after the upload); its instructions URL is not part of the typed view.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            string fullPath;
            string contentType;
            try
            {
                fullPath = LocalFiles.ResolveLiteral(this, Path);
                if (!ContentTypes.TryGetValue(System.IO.Path.GetExtension(fullPath), out contentType!))
                {
                    throw LabelOpsException.InvalidArgument("'" + System.IO.Path.GetFileName(fullPath) + "' is not a supported instructions file; use one of " + string.Join(", ", ContentTypes.Keys) + ".");
                }
                if (new FileInfo(fullPath).Length == 0)
                {
                    throw LabelOpsException.InvalidArgument("'" + fullPath + "' is empty.");
                }
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, Path));
                return;
            }
            if (!ShouldProcess("Project " + ProjectId, "Replace the instructions with " + System.IO.Path.GetFileName(fullPath)))
            {
                return;
            }
            RunForItem(ProjectId, async (bridge, token) =>
            {
                var content = File.ReadAllBytes(fullPath);
                var client = ClientFor(bridge);
                await client.UploadInstructionsAsync(ProjectId, System.IO.Path.GetFileName(fullPath), content, contentType, token).ConfigureAwait(false);
                if (PassThru) bridge.WriteObject(await client.GetProjectAsync(ProjectId, token).ConfigureAwait(false));
            });
        }
    }
}
