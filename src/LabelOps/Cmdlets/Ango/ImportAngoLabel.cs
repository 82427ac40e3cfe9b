using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;
using LabelOps.Engine.Json;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Imports annotations into a project's tasks (the SDK's import_labels), matched by externalId or assetId.
    /// Records come from the pipeline (hashtables, objects, or AngoTask objects read with -IncludeAnswer) or a
    /// JSON file, and go in chunks of <see cref="AngoClient.LabelImportChunkSize"/>; each chunk's summary is written.
    /// </summary>
    [Cmdlet(VerbsData.Import, "AngoLabel", DefaultParameterSetName = InputSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AngoLabelImportResult))]
    public sealed class ImportAngoLabel : AngoCmdlet
    {
        private const string InputSet = "Input";
        private const string PathSet = "Path";

        // Fields of the import format whose spelling the service depends on; keys users type in other casings are respelled.
        private static readonly string[] KnownKeys = { "externalId", "assetId", "answer", "status", "objects", "classifications", "relations" };

        private readonly List<object?> _records = new List<object?>();

        /// <summary>
        /// The project to import into. Deliberately not bound from the pipeline: piped tasks carry the ProjectId
        /// of the project they were read from, and copying labels between projects must not write them back there.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
        public object[] InputObject { get; set; } = new object[0];

        /// <summary>A JSON file holding an array of label records (or one record).</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == PathSet)
            {
                IEnumerable<object?> records;
                try
                {
                    records = ReadFile(LocalFiles.ResolveLiteral(this, Path));
                }
                catch (LabelOpsException failure)
                {
                    // Non-terminating, as every cmdlet reports a file it cannot use (LocalFiles).
                    WriteError(ErrorRecords.From(failure, Path));
                    return;
                }
                foreach (var record in records) Collect(record, Path);
                return;
            }
            foreach (var item in InputObject) Collect(item, item);
        }

        protected override void EndProcessing()
        {
            var chunks = SetAngoTaskAssignee.Chunks(_records, AngoClient.LabelImportChunkSize).ToList();
            var sent = 0;
            for (var i = 0; i < chunks.Count; i++)
            {
                var chunk = chunks[i];
                var number = i + 1;
                var description = chunk.Count + (chunk.Count == 1 ? " label record" : " label records") + " (" + (sent + 1) + "–" + (sent + chunk.Count) + " of " + _records.Count + ") into project " + ProjectId;
                sent += chunk.Count;
                if (!ShouldProcess(description, "Import labels")) continue;
                RunForItem(description, async (bridge, token) =>
                {
                    var message = await ClientFor(bridge).ImportLabelsAsync(ProjectId, chunk, token).ConfigureAwait(false);
                    bridge.WriteObject(new AngoLabelImportResult { ProjectId = ProjectId, Chunk = number, Sent = chunk.Count, Message = message });
                });
            }
        }

        private void Collect(object? item, object? target)
        {
            try
            {
                _records.Add(ToRecord(item));
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, target));
            }
        }

        /// <summary>One record of the import format: externalId or assetId, and the answer (or top-level objects/classifications/relations).</summary>
        internal static OrderedDictionary ToRecord(object? item)
        {
            var value = item is PSObject wrapped ? wrapped.BaseObject : item;
            if (value is AngoTask task)
            {
                if (task.Answer == null)
                {
                    throw LabelOpsException.InvalidArgument("Task " + task.TaskId + " has no Answer to import; read tasks with Get-AngoTask -IncludeAnswer.");
                }
                if (string.IsNullOrEmpty(task.ExternalId))
                {
                    throw LabelOpsException.InvalidArgument("Task " + task.TaskId + " has no ExternalId to match a task of the target project by.");
                }
                // By externalId only: asset ids belong to the project the task was read from.
                return new OrderedDictionary { ["externalId"] = task.ExternalId, ["answer"] = task.Answer };
            }
            if (!(PowerShellValues.ToPlainOrParsedJson(item, "InputObject") is IDictionary plain))
            {
                throw LabelOpsException.InvalidArgument("A label record must be an object or hashtable with externalId or assetId and answer; got " + (value?.GetType().Name ?? "null") + ".");
            }
            var record = new OrderedDictionary();
            foreach (DictionaryEntry entry in plain)
            {
                var key = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                var known = KnownKeys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                record[known ?? key] = entry.Value;
            }
            if (IsBlank(record["externalId"]) && IsBlank(record["assetId"]))
            {
                throw LabelOpsException.InvalidArgument("A label record needs an externalId or an assetId to say which task it labels.");
            }
            return record;
        }

        private static bool IsBlank(object? value) => value == null || (value is string text && text.Trim().Length == 0);

        private static IEnumerable<object?> ReadFile(string path)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                throw LabelOpsException.InvalidArgument("Cannot read '" + path + "': " + exception.Message);
            }
            object? parsed;
            try
            {
                var reader = new Utf8JsonReader(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? bytes.AsSpan(3) : bytes);
                reader.Read();
                parsed = FreeformJsonConverter.ReadValue(ref reader);
            }
            catch (JsonException exception)
            {
                throw LabelOpsException.InvalidArgument("'" + path + "' is not valid JSON: " + exception.Message);
            }
            return parsed is object?[] array ? array : new[] { parsed };
        }
    }
}
