using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine.Ango;
using Xunit;

namespace LabelOps.Tests.Ango
{
    public sealed class ExportRecordReaderTests
    {
        private const string Tricky = "say \\\"hi\\\" ] } [ { \\\\ , \\u00e9";

        private static string Record(int i) =>
            "{\"externalId\":\"img-" + i + ".jpg\",\"task\":{\"taskId\":\"t" + i + "\",\"stage\":\"Label\",\"tools\":[{\"title\":\"" + Tricky + "\",\"points\":[[1,2],[3.5,-4e2]]}]},\"batches\":[],\"metadata\":null}";

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(7)]
        [InlineData(4096)]
        public async Task A_JSON_array_is_read_element_by_element_whatever_the_buffer_boundaries(int chunk)
        {
            var json = " [ " + string.Join(" ,\n", Enumerable.Range(0, 25).Select(Record)) + " ] ";

            var records = await ReadAll(json, AngoExportFormat.Json, chunk);

            Assert.Equal(Enumerable.Range(0, 25).Select(i => "img-" + i + ".jpg"), records.Select(r => r.ExternalId));
            Assert.Equal("t7", records[7].TaskId);
            var tool = (IDictionary)((object[])((IDictionary)records[3]["task"]!)["tools"]!)[0]!;
            Assert.Equal("say \"hi\" ] } [ { \\ , é", tool["title"]);
            Assert.Equal(-400.0, ((object[])((object[])tool["points"]!)[1]!)[1]);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(5)]
        [InlineData(4096)]
        public async Task NDJSON_is_read_line_by_line_with_CRLF_and_blank_lines_whatever_the_buffer_boundaries(int chunk)
        {
            var ndjson = string.Join("\r\n", Enumerable.Range(0, 10).Select(Record)) + "\r\n\r\n\n";

            var records = await ReadAll(ndjson, AngoExportFormat.Ndjson, chunk);

            Assert.Equal(Enumerable.Range(0, 10).Select(i => "t" + i), records.Select(r => r.TaskId));
            Assert.Equal("Label", records[9].Stage);
        }

        [Theory]
        [InlineData("[]", "Json")]
        [InlineData("  [ \n ]  ", "Json")]
        [InlineData("", "Ndjson")]
        [InlineData("\n\n", "Ndjson")]
        public async Task An_empty_export_yields_no_records(string text, string format) =>
            Assert.Empty(await ReadAll(text, Enum.Parse<AngoExportFormat>(format), 2));

        [Fact]
        public async Task A_record_that_is_cut_off_is_an_error_not_a_silent_end()
        {
            var json = "[" + Record(0) + "," + Record(1).Substring(0, 40);

            await Assert.ThrowsAnyAsync<JsonException>(() => ReadAll(json, AngoExportFormat.Json, 8));
        }

        [Fact]
        public async Task Records_keep_the_files_key_order_and_ignore_key_case_for_lookups()
        {
            var records = await ReadAll("[{\"b\":1,\"a\":2,\"externalId\":\"x\"}]", AngoExportFormat.Json, 3);

            Assert.Equal(new object[] { "b", "a", "externalId" }, records[0].Keys.Cast<object>());
            Assert.Equal("x", records[0]["EXTERNALID"]);
        }

        [Fact]
        public async Task Reading_stops_when_cancelled()
        {
            var json = "[" + string.Join(",", Enumerable.Range(0, 1000).Select(Record)) + "]";
            using var cancel = new CancellationTokenSource();
            var read = 0;

            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var _ in ExportRecordReader.ReadAsync(new ChunkedStream(Encoding.UTF8.GetBytes(json), 64), AngoExportFormat.Json, cancel.Token))
                {
                    if (++read == 3) cancel.Cancel();
                }
            });
            Assert.Equal(3, read);
        }

        private static async Task<List<AngoExportRecord>> ReadAll(string text, AngoExportFormat format, int chunk)
        {
            var list = new List<AngoExportRecord>();
            await foreach (var record in ExportRecordReader.ReadAsync(new ChunkedStream(Encoding.UTF8.GetBytes(text), chunk), format, CancellationToken.None))
            {
                list.Add(record);
            }
            return list;
        }

        /// <summary>Hands out at most <c>chunk</c> bytes per read, as a slow network or inflater does.</summary>
        private sealed class ChunkedStream : Stream
        {
            private readonly byte[] _data;
            private readonly int _chunk;
            private int _position;

            public ChunkedStream(byte[] data, int chunk)
            {
                _data = data;
                _chunk = chunk;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                var n = Math.Min(Math.Min(count, _chunk), _data.Length - _position);
                Array.Copy(_data, _position, buffer, offset, n);
                _position += n;
                return n;
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                var n = Math.Min(Math.Min(buffer.Length, _chunk), _data.Length - _position);
                _data.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                return new ValueTask<int>(n);
            }

            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
