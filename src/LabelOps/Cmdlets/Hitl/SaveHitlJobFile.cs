using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>
    /// Downloads a job's annotated file (its 'image' URL) to disk, streaming. The API key is sent only when the URL
    /// is on the API's own host. -Path is a folder (the file keeps its name) or a file path.
    /// </summary>
    [Cmdlet(VerbsData.Save, "HitlJobFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveHitlJobFile : HitlCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("project_id")]
        [ValidateNotNullOrEmpty]
        public string ProjectId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("job_id")]
        [ValidateNotNullOrEmpty]
        public string JobId { get; set; } = string.Empty;

        /// <summary>A folder to save into, or a file path.</summary>
        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The file URL when it is already known (a HitlJob from the pipeline carries it); otherwise the job is read first.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("image")]
        public string? ImageUrl { get; set; }

        /// <summary>Overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var target = JobId;
            RunForItem(target, async (bridge, token) =>
            {
                var client = ClientFor(bridge);
                var url = ImageUrl;
                if (string.IsNullOrWhiteSpace(url))
                {
                    url = (await client.GetJobAsync(ProjectId, JobId, token).ConfigureAwait(false)).ImageUrl;
                }
                if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
                {
                    throw new LabelOpsException(ErrorReason.InvalidOperation, "Job " + JobId + " has no file URL to download.");
                }
                var destination = Destination(uri);
                if (File.Exists(destination) && !Force)
                {
                    throw new LabelOpsException(ErrorReason.InvalidOperation, "The file '" + destination + "' already exists; use -Force to overwrite it.");
                }
                var partial = destination + ".partial";
                long written = 0;
                await client.DownloadFileAsync(uri, async (stream, length, ct) =>
                {
                    using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                    {
                        await stream.CopyToAsync(file, 81920, ct).ConfigureAwait(false);
                        written = file.Length;
                    }
                }, token).ConfigureAwait(false);
                if (File.Exists(destination)) File.Delete(destination);
                File.Move(partial, destination);
                bridge.Verbose("Saved " + written + " bytes to " + destination);
                bridge.WriteObject(new FileInfo(destination));
            });
        }

        private string Destination(Uri uri)
        {
            var resolved = ResolveFilePath(Path);
            var isFolder = Directory.Exists(resolved) || Path.EndsWith("/", StringComparison.Ordinal) || Path.EndsWith("\\", StringComparison.Ordinal);
            if (!isFolder)
            {
                return resolved;
            }
            Directory.CreateDirectory(resolved);
            var name = Uri.UnescapeDataString(uri.Segments.LastOrDefault() ?? string.Empty).Trim('/');
            var invalid = System.IO.Path.GetInvalidFileNameChars();
            if (name.Length == 0 || name.IndexOfAny(invalid) >= 0 || name == "." || name == "..")
            {
                name = JobId + ".bin";
            }
            return System.IO.Path.Combine(resolved, name);
        }
    }
}
