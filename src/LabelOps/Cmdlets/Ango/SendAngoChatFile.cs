using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Sends prepared chat files as they are, one multipart POST /project/{id}/chat (field 'file') per file. Unlike
    /// Add-AngoChatAsset -Path, the content is not checked here: the service decides what it accepts.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "AngoChatFile", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AngoChatImportResult))]
    public sealed class SendAngoChatFile : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>Files to send; wildcards are resolved.</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = new string[0];

        /// <summary>Files to send, taken as written (no wildcards). Files from Get-ChildItem bind here by their PSPath.</summary>
        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP", "FullName")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            var literal = ParameterSetName == LiteralPathSet;
            foreach (var path in literal ? LiteralPath : Path)
            {
                foreach (var file in LocalFiles.ResolveOrWriteError(this, path, literal))
                {
                    if (!ShouldProcess(file, "Send chat file to Ango project " + ProjectId)) continue;
                    RunForItem(file, async (bridge, token) =>
                    {
                        AngoUploadFiles.CheckReadable(file);
                        byte[] bytes;
                        try
                        {
                            bytes = File.ReadAllBytes(file);
                        }
                        catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
                        {
                            throw new LabelOpsException(ErrorReason.InvalidOperation, "Cannot read '" + file + "': " + exception.Message, exception);
                        }
                        var form = new[] { MultipartPart.File("file", System.IO.Path.GetFileName(file), bytes, AngoUploadFiles.ContentTypeOf(file)) };
                        bridge.WriteObject(await ClientFor(bridge).UploadChatAsync(ProjectId, form, file, token).ConfigureAwait(false));
                    });
                }
            }
        }
    }
}
