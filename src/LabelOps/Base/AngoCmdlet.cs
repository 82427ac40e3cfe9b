using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Ango;
using LabelOps.Engine;

namespace LabelOps.Base
{
    /// <summary>Base of every Ango Hub cmdlet: -Session and its resolution, and streaming of paged lists.</summary>
    public abstract class AngoCmdlet : LabelOpsCmdlet
    {
        private AngoSession? _session;

        /// <summary>The session to use (from Connect-Ango -PassThru); by default the one Connect-Ango made.</summary>
        [Parameter]
        public AngoSession? Session { get; set; }

        protected AngoSession ResolvedSession => _session ??= DefaultSessions.Ango.Resolve(Session);

        protected override void BeginProcessing()
        {
            try
            {
                _ = ResolvedSession;
            }
            catch (LabelOpsException failure)
            {
                ThrowTerminating(failure, null);
            }
        }

        protected AngoClient ClientFor(PipelineBridge bridge) => new AngoClient(ResolvedSession, bridge);

        /// <summary>The -Skip/-First of a cmdlet declared with SupportsPaging = true.</summary>
        protected PageRange RequestedRange() => new PageRange
        {
            Skip = (long)Math.Min(PagingParameters.Skip, long.MaxValue),
            First = PagingParameters.First >= long.MaxValue ? (long?)null : (long)PagingParameters.First,
        };

        /// <summary>
        /// Writes every item of a paged list as it arrives, with -IncludeTotalCount and a progress bar that knows
        /// the total once the first page reports it.
        /// </summary>
        protected async Task StreamAsync<T>(
            PipelineBridge bridge,
            string activity,
            Func<PageRange, Action<long>, CancellationToken, IAsyncEnumerable<T>> list,
            CancellationToken token)
        {
            var range = RequestedRange();
            long? total = null;
            long written = 0;
            var sinceProgress = Stopwatch.StartNew();
            var activityId = Math.Abs(activity.GetHashCode() % 1000) + 1;
            var shown = false;
            Action<long> onTotal = count =>
            {
                total = count;
                if (PagingParameters.IncludeTotalCount)
                {
                    bridge.WriteObject(PagingParameters.NewTotalCount((ulong)count, 1.0));
                }
            };
            await foreach (var item in list(range, onTotal, token).ConfigureAwait(false))
            {
                bridge.WriteObject(item);
                written++;
                // The first item shows the bar at once (the total is known by then); after that at most four
                // updates a second. A new record each time: the bridge writes it later, on the pipeline thread.
                if (!shown || sinceProgress.ElapsedMilliseconds >= 250)
                {
                    shown = true;
                    sinceProgress.Restart();
                    var expected = total.HasValue ? Math.Max(0, Math.Min(total.Value - range.Skip, range.First ?? long.MaxValue)) : (long?)null;
                    bridge.WriteProgress(new ProgressRecord(activityId, activity, expected.HasValue ? written + " of " + expected : written + " read")
                    {
                        PercentComplete = expected.HasValue && expected.Value > 0 ? (int)Math.Min(100, written * 100 / expected.Value) : -1,
                    });
                }
            }
            if (shown)
            {
                bridge.WriteProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }
}
