using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using Polly.Timeout;

namespace LabelOps.Engine
{
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
