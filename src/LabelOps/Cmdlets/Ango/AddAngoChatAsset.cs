using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;
using LabelOps.Engine.Json;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Creates LLM chat assets (the SDK's upload_chat_assets): conversations given as objects, or a JSON file of
    /// them, sent in one multipart POST /project/{id}/chat with optional batches (names) and LLM configuration.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "AngoChatAsset", DefaultParameterSetName = ConversationSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AngoChatImportResult))]
    public sealed class AddAngoChatAsset : AngoCmdlet
    {
        private const string ConversationSet = "Conversation";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private string GivenPath => ParameterSetName == LiteralPathSet ? LiteralPath : Path;

        private readonly List<object?> _conversations = new List<object?>();

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>Conversations (objects, hashtables or JSON strings); pipeline input is collected into one upload.</summary>
        [Parameter(ParameterSetName = ConversationSet, Mandatory = true, Position = 1, ValueFromPipeline = true)]
        public object[] Conversation { get; set; } = new object[0];

        /// <summary>A JSON file holding an array of conversations (or JSON lines, one conversation per line); wildcards are resolved.</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string Path { get; set; } = string.Empty;

        /// <summary>The same file, taken as written (no wildcards).</summary>
        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = string.Empty;

        /// <summary>Batch names or ids; sent as names, as the chat upload expects.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoBatchNameCompleter))]
        public string[]? Batch { get; set; }

        /// <summary>The LLM configuration (hashtable, object or JSON string).</summary>
        [Parameter]
        public object? LlmConfig { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ConversationSet)
            {
                foreach (var item in Conversation)
                {
                    try
                    {
                        var value = PowerShellValues.ToPlainOrParsedJson(item, "Conversation");
                        var raw = item is PSObject wrapped ? wrapped.BaseObject : item;
                        if (raw is string && value is object?[] parsedArray)
                        {
                            _conversations.AddRange(parsedArray); // a JSON string holding the whole array
                        }
                        else
                        {
                            _conversations.Add(value);
                        }
                    }
                    catch (LabelOpsException failure)
                    {
                        WriteError(ErrorRecords.From(failure, item));
                    }
                }
            }
        }

        protected override void EndProcessing()
        {
            MultipartPart content;
            string source;
            object? target;
            try
            {
                if (ParameterSetName == PathSet || ParameterSetName == LiteralPathSet)
                {
                    var file = ParameterSetName == LiteralPathSet ? new[] { LocalFiles.ResolveLiteral(this, LiteralPath) } : LocalFiles.Resolve(this, Path);
                    if (file.Count != 1) throw LabelOpsException.InvalidArgument("-Path names " + file.Count + " files; name one (Send-AngoChatFile sends several).");
                    var bytes = File.ReadAllBytes(file[0]);
                    CheckConversationsJson(bytes, file[0]);
                    source = file[0];
                    content = MultipartPart.File("file", System.IO.Path.GetFileName(file[0]), bytes, "application/json");
                }
                else
                {
                    if (_conversations.Count == 0) return;
                    source = "conversations";
                    content = MultipartPart.Field("conversations", Serialize(_conversations));
                }
                target = source;
            }
            catch (LabelOpsException failure)
            {
                // Non-terminating, as every cmdlet reports a file it cannot use (LocalFiles).
                WriteError(ErrorRecords.From(failure, GivenPath));
                return;
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                WriteError(ErrorRecords.From(new LabelOpsException(ErrorReason.InvalidOperation, "Cannot read '" + GivenPath + "': " + exception.Message, exception), GivenPath));
                return;
            }

            var what = ParameterSetName != ConversationSet ? source : _conversations.Count + " conversation(s)";
            if (!ShouldProcess(what, "Add chat assets to Ango project " + ProjectId)) return;

            RunForItem(target, async (bridge, token) =>
            {
                var client = ClientFor(bridge);
                var form = new List<MultipartPart> { content };
                if (Batch != null && Batch.Length > 0)
                {
                    var resolver = new AngoNameResolver(client, ProjectId);
                    var ids = await resolver.BatchIdsAsync(Batch, token).ConfigureAwait(false);
                    var project = await resolver.ProjectAsync(token).ConfigureAwait(false);
                    var names = ids.Select(id => (project.Batches ?? new AngoBatch[0]).First(b => b.BatchId == id).Name).ToList();
                    form.Add(MultipartPart.Field("batches", JsonSerializer.Serialize(names)));
                }
                if (LlmConfig != null)
                {
                    form.Add(MultipartPart.Field("llmConfig", Serialize(PowerShellValues.ToPlainOrParsedJson(LlmConfig, "LlmConfig"))));
                }
                bridge.WriteObject(await client.UploadChatAsync(ProjectId, form, source, token).ConfigureAwait(false));
            });
        }

        private static string Serialize(object? value)
        {
            using (var buffer = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    FreeformJsonConverter.WriteValue(writer, value, ServiceJson.Ango);
                }
                return Encoding.UTF8.GetString(buffer.ToArray());
            }
        }

        /// <summary>Refuses a file that is neither a JSON array of objects nor JSON lines of objects, before anything is sent.</summary>
        private static void CheckConversationsJson(byte[] bytes, string file)
        {
            var text = Encoding.UTF8.GetString(bytes).Trim().TrimStart('\uFEFF');
            try
            {
                if (text.StartsWith("[", StringComparison.Ordinal))
                {
                    using (var document = JsonDocument.Parse(text))
                    {
                        if (document.RootElement.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object)) throw new JsonException("every item must be an object");
                        if (document.RootElement.GetArrayLength() == 0) throw new JsonException("the array is empty");
                    }
                    return;
                }
                var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
                if (lines.Count == 0) throw new JsonException("the file is empty");
                foreach (var line in lines)
                {
                    using (var document = JsonDocument.Parse(line))
                    {
                        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("every line must be an object");
                    }
                }
            }
            catch (JsonException exception)
            {
                throw LabelOpsException.InvalidArgument("'" + file + "' is not a JSON array (or JSON lines) of conversations: " + exception.Message);
            }
        }
    }
}
