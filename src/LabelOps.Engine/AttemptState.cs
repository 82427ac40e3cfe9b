using System;
using System.Globalization;
using Polly;

namespace LabelOps.Engine
{
    /// <summary>What one call carries through its attempts: the request, the caller's observer, and a count.</summary>
    internal sealed class AttemptState
    {
        public AttemptState(ApiRequest request, Uri uri, IRequestObserver observer)
        {
            Request = request;
            Uri = uri;
            Observer = observer;
        }

        public ApiRequest Request { get; }

        public Uri Uri { get; }

        /// <summary>
        /// The URI as diagnostics show it. A signed storage URL carries its credential in the query (the
        /// signature), so for requests that never send the key the query is left out.
        /// </summary>
        public string DisplayUri => Request.SendsKey ? Uri.ToString() : Uri.GetLeftPart(UriPartial.Path) + (string.IsNullOrEmpty(Uri.Query) ? string.Empty : "?…");

        public IRequestObserver Observer { get; }

        public int Attempts { get; set; }

        /// <summary>
        /// A download whose body is streamed: its attempts are bounded by the time to the answer's headers and by the
        /// time between two reads of the body (<see cref="IdleTimeoutStream"/>), not by a cap on the whole transfer.
        /// </summary>
        public bool StreamsBody { get; set; }

        public void ReportRetry(int retry, int maximum, TimeSpan delay, Outcome<ApiResponse> outcome)
        {
            var cause = outcome.Exception != null
                ? outcome.Exception.GetType().Name + ": " + outcome.Exception.Message
                : "HTTP " + outcome.Result!.Status.ToString(CultureInfo.InvariantCulture);
            Observer.Verbose(string.Format(
                CultureInfo.InvariantCulture,
                "Retry {0} of {1} for {2} {3} in {4:0.###} s after {5}",
                retry, maximum, Request.Method.Method, DisplayUri, delay.TotalSeconds, cause));
        }
    }
}
