using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelOps.Engine.Hitl.Ledger
{
    /// <summary>
    /// The ledger file of New-HitlJob -Ledger: JSON lines, appended and flushed to disk one line at a time, so a
    /// kill leaves at most the last line torn. A torn line (one that is not a whole record) is skipped on reading,
    /// which is safe: an intent is flushed before its request is sent, so a torn intent was never sent, and a torn
    /// done leaves its intent in doubt, to be settled with the service. The file is held open for writing by one
    /// command at a time (others may read it).
    /// </summary>
    internal sealed class HitlLedgerFile : IDisposable
    {
        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        /// <summary>
        /// One writer at a time, readers welcome. Windows enforces FileShare.Read as asked; .NET elsewhere maps any
        /// share but None to a shared advisory lock, which a second writer would also get, so there it asks for None
        /// (an exclusive advisory lock, which does not stop other programs from reading).
        /// </summary>
        private static readonly FileShare WriterShare = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? FileShare.Read : FileShare.None;

        private readonly object _gate = new object();
        private readonly FileStream _stream;
        private readonly Dictionary<string, HitlLedgerEntry> _entries = new Dictionary<string, HitlLedgerEntry>(StringComparer.Ordinal);
        private readonly HashSet<string> _claimedJobs = new HashSet<string>(StringComparer.Ordinal);

        private HitlLedgerFile(FileStream stream, IReadOnlyList<HitlLedgerRecord> records, int skipped)
        {
            _stream = stream;
            SkippedLines = skipped;
            foreach (var record in records) Fold(record);
            _inDoubtAtOpen = _entries.Values.Where(e => e.State == HitlLedgerState.InDoubt).ToList();
            _projectsAtOpen = new HashSet<string>(_entries.Values.Select(e => e.ProjectId), StringComparer.Ordinal);
        }

        private readonly List<HitlLedgerEntry> _inDoubtAtOpen;
        private readonly HashSet<string> _projectsAtOpen;

        public string Path => _stream.Name;

        /// <summary>Lines that were not whole records (a kill mid-write), skipped.</summary>
        public int SkippedLines { get; }

        /// <summary>Opens (or creates) the ledger and reads what it holds. The folder must exist.</summary>
        public static HitlLedgerFile Open(string path)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, WriterShare);
            }
            catch (Exception failure) when (failure is IOException || failure is UnauthorizedAccessException)
            {
                var reason = failure is DirectoryNotFoundException ? ErrorReason.InvalidArgument : ErrorReason.InvalidOperation;
                throw new LabelOpsException(reason, "The ledger '" + path + "' cannot be opened for writing (" + failure.Message + "). Another command may be using it.", failure);
            }
            try
            {
                var bytes = new byte[stream.Length];
                var read = 0;
                while (read < bytes.Length)
                {
                    var n = stream.Read(bytes, read, bytes.Length - read);
                    if (n == 0) break;
                    read += n;
                }
                var records = Parse(Encoding.UTF8.GetString(bytes, 0, read), out var skipped);
                stream.Seek(0, SeekOrigin.End);
                if (read > 0 && bytes[read - 1] != (byte)'\n')
                {
                    // A torn last line: end it, so the next record starts a line of its own.
                    stream.WriteByte((byte)'\n');
                    stream.Flush(true);
                }
                return new HitlLedgerFile(stream, records, skipped);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>The whole records of a ledger's text, in order; lines that are not are counted in <paramref name="skipped"/>.</summary>
        public static IReadOnlyList<HitlLedgerRecord> Parse(string text, out int skipped)
        {
            skipped = 0;
            var records = new List<HitlLedgerRecord>();
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0) continue;
                HitlLedgerRecord? record = null;
                try
                {
                    record = JsonSerializer.Deserialize<HitlLedgerRecord>(line, Json);
                }
                catch (JsonException)
                {
                }
                if (record == null || string.IsNullOrEmpty(record.Key) || string.IsNullOrEmpty(record.State))
                {
                    skipped++;
                    continue;
                }
                records.Add(record);
            }
            return records;
        }

        /// <summary>The row's state as the file had it when opened, with what this command wrote since.</summary>
        public HitlLedgerEntry? Find(string key)
        {
            lock (_gate) return _entries.TryGetValue(key, out var entry) ? entry : null;
        }

        /// <summary>Rows of the project whose create was in doubt when the file was opened (this command's own creates in flight are not).</summary>
        public IReadOnlyList<HitlLedgerEntry> InDoubt(string projectId) =>
            _inDoubtAtOpen.Where(e => e.ProjectId == projectId).ToList();

        /// <summary>Whether the file named the project when it was opened.</summary>
        public bool HasProject(string projectId) => _projectsAtOpen.Contains(projectId);

        /// <summary>Job ids some done line names.</summary>
        public bool IsClaimed(string jobId)
        {
            lock (_gate) return _claimedJobs.Contains(jobId);
        }

        /// <summary>Appends one line and flushes it to disk before returning.</summary>
        public void Append(HitlLedgerRecord record)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(record, Json);
            lock (_gate)
            {
                _stream.Write(bytes, 0, bytes.Length);
                _stream.WriteByte((byte)'\n');
                _stream.Flush(true);
                Fold(record);
            }
        }

        public void Dispose() => _stream.Dispose();

        private void Fold(HitlLedgerRecord record)
        {
            if (!_entries.TryGetValue(record.Key, out var entry))
            {
                entry = new HitlLedgerEntry(record.Key);
                _entries.Add(record.Key, entry);
            }
            entry.Apply(record);
            if (record.State == HitlLedgerRecord.Done && !string.IsNullOrEmpty(record.JobId)) _claimedJobs.Add(record.JobId!);
        }
    }
}
