using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using Polly.Timeout;

namespace LabelOps.Engine
{
    /// <summary>What a failed attempt tells us about whether the service saw the request.</summary>
    internal enum AttemptFailure
    {
        /// <summary>The caller cancelled (Ctrl+C): never retried.</summary>
        Cancelled,

        /// <summary>The connection failed before the request left this machine: the service certainly did not process it.</summary>
        NotSent,

        /// <summary>The request may have been processed (timeout, reset after sending, unreadable answer).</summary>
        Ambiguous,

        /// <summary>Not a transport problem at all (a bug, a bad argument): never retried.</summary>
        Permanent,
    }

    /// <summary>Thrown inside an attempt when a 2xx answer cannot be read as the expected JSON (e.g. a truncated body).</summary>
    internal sealed class ResponseFormatException : Exception
    {
        public ResponseFormatException(string message, Exception? inner = null) : base(message, inner) { }
    }

    internal static class AttemptFailures
    {
        public static AttemptFailure Classify(Exception exception, bool callerCancelled)
        {
            if (callerCancelled)
            {
                return AttemptFailure.Cancelled;
            }
            switch (exception)
            {
                case TimeoutRejectedException _:
                case ResponseFormatException _:
                    return AttemptFailure.Ambiguous;
                case HttpRequestException _:
                case IOException _:
                    return WasNotSent(exception) ? AttemptFailure.NotSent : AttemptFailure.Ambiguous;
                case OperationCanceledException _:
                    // HttpClient reports its own timeouts as cancellation; the caller did not cancel, so it is a timeout.
                    return AttemptFailure.Ambiguous;
                default:
                    return AttemptFailure.Permanent;
            }
        }

        // Connection-establishment errors: the TCP connection never opened, so no byte of the request was sent.
        private static bool WasNotSent(Exception exception)
        {
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.NetworkDown:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                        case SocketError.AddressNotAvailable:
                            return true;
                    }
                }
            }
            return false;
        }
    }
}
