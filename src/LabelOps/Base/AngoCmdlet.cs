using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

namespace LabelOps.Base
{
    /// <summary>Base of every Ango Hub cmdlet: streaming of paged lists.</summary>
    public abstract class AngoCmdlet : ServiceCmdlet<AngoSession>
    {
        private protected override SessionSlot<AngoSession> Slot => DefaultSessions.Ango;

        private protected AngoClient ClientFor(PipelineBridge bridge) => new AngoClient(ResolvedSession, bridge);

        /// <summary>-First, -Skip and -IncludeTotalCount of a listing: PowerShell's, for a cmdlet declared with SupportsPaging = true.</summary>
        private protected virtual ListPaging Paging => new ListPaging(PagingParameters.First, PagingParameters.Skip, PagingParameters.IncludeTotalCount);

        private protected PageRange RequestedRange()
        {
            var paging = Paging;
            return new PageRange
            {
                Skip = (long)Math.Min(paging.Skip, long.MaxValue),
                PagesInFlight = ServiceConnection.Of(ResolvedSession).Options.PagesInFlight,
                First = paging.First >= long.MaxValue ? (long?)null : (long)paging.First,
            };
        }

        /// <summary>The progress bar's id for an activity: stable for its text, so one command's reports share a bar.</summary>
        private protected static int ProgressActivityId(string activity) => Math.Abs(activity.GetHashCode() % 1000) + 1;

        /// <summary>
        /// Writes every item of a paged list as it arrives, with -IncludeTotalCount and a progress bar that knows
        /// the total once the first page reports it.
        /// </summary>
        private protected async Task StreamAsync<T>(
            PipelineBridge bridge,
            string activity,
            Func<PageRange, Action<long>, CancellationToken, IAsyncEnumerable<T>> list,
            CancellationToken token)
        {
            var range = RequestedRange();
            var includeTotalCount = Paging.IncludeTotalCount;
            long? total = null;
            long written = 0;
            var progress = new ProgressThrottle();
            var activityId = ProgressActivityId(activity);
            Action<long> onTotal = count =>
            {
                total = count;
                if (includeTotalCount)
                {
                    bridge.WriteObject(ListPaging.TotalCount((ulong)count));
                }
            };
            // Items already parsed (the rest of a page) are handed to the pipeline together; the batch is
            // flushed before waiting for the network, so nothing sits in it while a page is on its way.
            const int BatchLimit = 128;
            var batch = new List<object?>(BatchLimit);
            void Flush()
            {
                if (batch.Count == 0) return;
                bridge.WriteObjects(batch);
                batch = new List<object?>(BatchLimit);
            }
            var items = list(range, onTotal, token).GetAsyncEnumerator(token);
            try
            {
                while (true)
                {
                    var next = items.MoveNextAsync();
                    if (!next.IsCompleted && batch.Count > 0) Flush();
                    bool more;
                    try
                    {
                        more = await next.ConfigureAwait(false);
                    }
                    catch
                    {
                        Flush(); // what was read before the failure is still written, ahead of the error
                        throw;
                    }
                    if (!more) break;
                    batch.Add(items.Current);
                    written++;
                    if (batch.Count == BatchLimit) Flush();
                    // The first item shows the bar at once (the total is known by then); after that at most four
                    // updates a second. A new record each time: the bridge writes it later, on the pipeline thread.
                    if (progress.Due())
                    {
                        var expected = total.HasValue ? Math.Max(0, Math.Min(total.Value - range.Skip, range.First ?? long.MaxValue)) : (long?)null;
                        Flush();
                        bridge.WriteProgress(new ProgressRecord(activityId, activity, expected.HasValue ? written + " of " + expected : written + " read")
                        {
                            PercentComplete = expected.HasValue && expected.Value > 0 ? (int)Math.Min(100, written * 100 / expected.Value) : -1,
                        });
                    }
                }
                Flush();
            }
            finally
            {
                await items.DisposeAsync().ConfigureAwait(false);
            }
            if (progress.Shown)
            {
                bridge.WriteProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }
}
