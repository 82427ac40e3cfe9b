using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Hitl
{
    /// <summary>
    /// Reads the bulk status reply (GET v1/jobs/{project}: a JSON array of job status objects, or one object)
    /// from the response stream, one job at a time, and turns into <see cref="HitlJob"/> only the jobs asked for:
    /// a 50,000-job reply costs one buffer of about one job object plus the jobs kept, never the whole list.
    /// </summary>
    /// <remarks>
    /// Utf8JsonReader over a refilled buffer rather than JsonSerializer.DeserializeAsyncEnumerable because the
    /// latter builds every element (the point is not to), and it cannot accept the single-object form. Each job
    /// object is first skipped whole (so that it is complete in the buffer), its job_id read, and only a wanted one
    /// is deserialised with the same options (ServiceJson.Hitl) as every other HITL answer.
    /// </remarks>
    internal static class HitlJobListReader
    {
        private const int FirstBufferBytes = 64 * 1024;

        public static async Task<HitlJobListRead> ReadAsync(Stream stream, IReadOnlyCollection<string> wanted, CancellationToken cancellationToken)
        {
            var want = wanted as ISet<string> ?? new HashSet<string>(wanted, StringComparer.Ordinal);
            var state = new ListState(want);
            var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferBytes);
            try
            {
                var length = 0;
                var final = false;
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        // One job object is larger than the buffer: grow it (a job with large predictions).
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, larger, 0, length);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
                    if (read == 0) final = true;
                    length += read;
                    state.Bytes += read;
                    var consumed = Process(new ReadOnlySpan<byte>(buffer, 0, length), final, state);
                    if (state.Done)
                    {
                        return new HitlJobListRead(state.Kept, state.Jobs, state.Bytes + await DrainAsync(stream, buffer, cancellationToken).ConfigureAwait(false));
                    }
                    if (final)
                    {
                        throw new JsonException(length == 0 ? "The answer was empty." : "The answer ended inside the job list.");
                    }
                    // Keep what was not read yet (the start of an incomplete job object) at the front.
                    if (consumed > 0)
                    {
                        Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
                        length -= consumed;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>Reads what the reply holds after the list (whitespace), so its bytes are counted and the connection reused.</summary>
        private static async Task<long> DrainAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }
            return total;
        }

        /// <summary>
        /// Reads every complete unit (the list's start, whole job objects, the list's end) from the buffer and
        /// returns how many bytes were used; the rest is read again with more data.
        /// </summary>
        internal static int Process(ReadOnlySpan<byte> data, bool final, ListState state)
        {
            var reader = new Utf8JsonReader(data, final, state.Reader);
            var committed = 0;
            while (true)
            {
                if (!reader.Read())
                {
                    if (final && state.Started) throw new JsonException("The answer ended inside the job list.");
                    return committed;
                }
                if (!state.Started)
                {
                    state.Started = true;
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        // The single-object form: the whole answer is one job.
                        var start = (int)reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            state.Started = false;
                            return committed;
                        }
                        Keep(data.Slice(start, (int)reader.BytesConsumed - start), state);
                        state.Done = true;
                        return (int)reader.BytesConsumed;
                    }
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new JsonException("The answer is a " + reader.TokenType + ", not a list of job status objects.");
                    }
                }
                else if (reader.TokenType == JsonTokenType.EndArray)
                {
                    state.Done = true;
                    return (int)reader.BytesConsumed;
                }
                else if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    if (!reader.TrySkip())
                    {
                        return committed; // the object is not whole in the buffer yet
                    }
                    Keep(data.Slice(start, (int)reader.BytesConsumed - start), state);
                }
                else
                {
                    throw new JsonException("An element of the job list is a " + reader.TokenType + ", not a job status object.");
                }
                committed = (int)reader.BytesConsumed;
                state.Reader = reader.CurrentState;
            }
        }

        private static void Keep(ReadOnlySpan<byte> job, ListState state)
        {
            state.Jobs++;
            // A job without a job_id is not the list the contract describes: skipping it would report the jobs
            // waited for as missing.
            var id = JobIdOf(job) ?? throw new JsonException("A job status object has no job_id.");
            if (!state.Wanted.Contains(id) || state.Kept.ContainsKey(id))
            {
                return;
            }
            var parsed = JsonSerializer.Deserialize<HitlJob>(job, ServiceJson.Hitl) ?? throw new JsonException("A job status object was null.");
            state.Kept[id] = parsed;
        }

        /// <summary>The job_id of one whole job object, or null when it has none.</summary>
        internal static string? JobIdOf(ReadOnlySpan<byte> job)
        {
            var reader = new Utf8JsonReader(job);
            reader.Read(); // StartObject
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("job_id");
                reader.Read();
                if (isId)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                reader.Skip();
            }
            return null;
        }

        internal sealed class ListState
        {
            public ListState(ISet<string> wanted) => Wanted = wanted;

            public ISet<string> Wanted { get; }
            public JsonReaderState Reader { get; set; }
            public bool Started { get; set; }
            public bool Done { get; set; }
            public int Jobs { get; set; }
            public long Bytes { get; set; }
            public Dictionary<string, HitlJob> Kept { get; } = new Dictionary<string, HitlJob>(StringComparer.Ordinal);
        }
    }
}
