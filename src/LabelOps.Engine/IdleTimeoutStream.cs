using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Polly.Timeout;

namespace LabelOps.Engine
{
    /// <summary>
    /// A response body whose every read must bring data within <c>idle</c>: a link that goes quiet fails with
    /// <see cref="TimeoutRejectedException"/> (so it is reported and retried like any timeout), while a body that keeps
    /// arriving is never cut short. On a quiet link the response is disposed, which ends the read on every runtime
    /// (.NET Framework's content stream does not watch the token). HttpClient has no read timeout of its own:
    /// HttpClient.Timeout covers the whole transfer, which is exactly what a long download must not have.
    /// </summary>
    internal sealed class IdleTimeoutStream : Stream
    {
        private readonly Stream _inner;
        private readonly TimeSpan _idle;
        private readonly Action _abort;

        public IdleTimeoutStream(Stream inner, TimeSpan idle, Action abort)
        {
            _inner = inner;
            _idle = idle;
            _abort = abort;
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quiet.CancelAfter(_idle);
            using (quiet.Token.Register(() => { if (!cancellationToken.IsCancellationRequested) _abort(); }))
            {
                try
                {
                    return await _inner.ReadAsync(buffer, offset, count, quiet.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (quiet.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                                                  && (exception is OperationCanceledException || exception is IOException || exception is ObjectDisposedException))
                {
                    throw new TimeoutRejectedException("No data for " + _idle.TotalSeconds + " s while downloading.", _idle, exception);
                }
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
