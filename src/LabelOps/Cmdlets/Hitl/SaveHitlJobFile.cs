using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Base;
using LabelOps.Engine;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>
    /// Downloads a done job's annotated file (its 'image' URL) into a folder, streaming, as
    /// "&lt;JobId&gt;_&lt;file name&gt;" so that jobs whose source files share a name never overwrite each other. The
    /// API key is sent only when the URL is on the API's own host. A job that is not done is reported, not saved.
    /// </summary>
    [Cmdlet(VerbsData.Save, "HitlJobFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveHitlJobFile : HitlCmdlet
    {
        private const int BufferSize = 81920;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("project_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.HitlProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("job_id", "Id")]
        [ValidateNotNullOrEmpty]
        public string JobId { get; set; } = string.Empty;

        /// <summary>The folder to save into; created when it does not exist.</summary>
        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The file URL when it is already known (a HitlJob from the pipeline carries it); otherwise the job is read first.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("image")]
        public string? ImageUrl { get; set; }

        /// <summary>
        /// The job's status when it is already known (a HitlJob from the pipeline carries it); otherwise the job is read
        /// first. Only a done job is saved.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Status { get; set; }

        /// <summary>Overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                var url = ImageUrl;
                var status = Status;
                if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(status))
                {
                    var job = Invoke((bridge, token) => ClientFor(bridge).GetJobAsync(ProjectId, JobId, token));
                    url = job.ImageUrl;
                    status = job.Status;
                }
                if (!string.Equals(status, HitlJobStatus.Done, StringComparison.OrdinalIgnoreCase))
                {
                    // The file of a job that is not done holds no annotations yet (or never will): saving it would
                    // look like a result.
                    throw new LabelOpsException(ErrorReason.InvalidOperation,
                        "Job " + JobId + " is '" + status + "', not 'done': it has no annotated file to save yet. Wait for it with Wait-HitlJob.");
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
                if (!ShouldProcess(destination, "Save file of HITL job " + JobId))
                {
                    return;
                }
                WriteObject(Download(uri, destination));
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, JobId));
            }
        }

        private FileInfo Download(Uri uri, string destination)
        {
            var partial = destination + ".partial";
            LocalFile(() => Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!), destination);
            try
            {
                using (var file = LocalFile(() => new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true), partial))
                {
                    RunAsync((bridge, token) => ClientFor(bridge).DownloadFileAsync(uri, (stream, length, ct) => CopyAsync(stream, file, length, bridge, ct), token));
                }
            }
            catch
            {
                try { File.Delete(partial); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                throw;
            }
            LocalFile(() =>
            {
                if (File.Exists(destination)) File.Delete(destination);
                File.Move(partial, destination);
                return true;
            }, destination);
            return new FileInfo(destination);
        }

        // Written out rather than Stream.CopyToAsync so that a failure to write the local file is reported as a
        // local problem (never retried as if the network had failed) and so progress can show bytes.
        private async Task CopyAsync(Stream source, FileStream file, long? length, PipelineBridge bridge, CancellationToken token)
        {
            await LocalFileAsync(() => { file.SetLength(0); return Task.CompletedTask; }, file.Name).ConfigureAwait(false);
            var buffer = new byte[BufferSize];
            long copied = 0;
            var name = System.IO.Path.GetFileName(file.Name.Substring(0, file.Name.Length - ".partial".Length));
            var progress = new ProgressThrottle();
            int read;
            while ((read = await source.ReadAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false)) > 0)
            {
                await LocalFileAsync(() => file.WriteAsync(buffer, 0, read, token), file.Name).ConfigureAwait(false);
                copied += read;
                if (length > 0 && progress.Due())
                {
                    // A new record each time: the bridge writes it later, on the pipeline thread.
                    bridge.WriteProgress(new ProgressRecord(2, "Saving HITL job file", name) { PercentComplete = (int)Math.Min(100, copied * 100 / length.Value) });
                }
            }
            await LocalFileAsync(() => file.FlushAsync(token), file.Name).ConfigureAwait(false);
            bridge.Verbose("Saved " + copied + " bytes to " + file.Name);
            if (progress.Shown)
            {
                bridge.WriteProgress(new ProgressRecord(2, "Saving HITL job file", name) { RecordType = ProgressRecordType.Completed });
            }
        }

        private static T LocalFile<T>(Func<T> action, string path)
        {
            try
            {
                return action();
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                throw new LabelOpsException(ErrorReason.InvalidOperation, "Cannot write '" + path + "': " + exception.Message, exception);
            }
        }

        private static async Task LocalFileAsync(Func<Task> action, string path)
        {
            try
            {
                await action().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                throw new LabelOpsException(ErrorReason.InvalidOperation, "Cannot write '" + path + "': " + exception.Message, exception);
            }
        }

        private string Destination(Uri uri)
        {
            var folder = ResolveFilePath(Path);
            if (File.Exists(folder))
            {
                throw new LabelOpsException(ErrorReason.InvalidOperation, "'" + folder + "' is a file; -Path is the folder to save job files into.");
            }
            var name = Uri.UnescapeDataString(uri.Segments.LastOrDefault() ?? string.Empty).Trim('/');
            var invalid = System.IO.Path.GetInvalidFileNameChars();
            if (name.Length == 0 || name.IndexOfAny(invalid) >= 0 || name == "." || name == "..")
            {
                name = "file.bin";
            }
            // The job id first: two jobs whose source files share a name (frame_0001.jpg from two cameras) get two files.
            var jobPart = new string(JobId.Select(c => Array.IndexOf(invalid, c) >= 0 ? '_' : c).ToArray());
            return System.IO.Path.Combine(folder, jobPart + "_" + name);
        }
    }
}
