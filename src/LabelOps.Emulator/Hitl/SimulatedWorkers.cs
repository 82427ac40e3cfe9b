using System;
using System.Threading;
using System.Threading.Tasks;

namespace LabelOps.Emulator.Hitl;

/// <summary>
/// The emulated human workers: every little while, jobs of accounts with <see cref="EmulatorAccount.SimulateWorkers"/>
/// that have waited long enough move from new to progress, or from progress to done; and the tasks of their Ango
/// projects marked with <see cref="AngoStore.SimulateWork"/> move on through the workflow.
/// </summary>
internal sealed class SimulatedWorkers : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SimulatedWorkers(AccountRegistry accounts, TimeSpan delay, TimeProvider time)
    {
        _loop = RunAsync(accounts, delay, time, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RunAsync(AccountRegistry accounts, TimeSpan delay, TimeProvider time, CancellationToken stop)
    {
        // A fifth of the delay keeps the moves close to on time without busy polling.
        var period = TimeSpan.FromMilliseconds(Math.Clamp(delay.TotalMilliseconds / 5, 10, 500));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                foreach (var account in accounts.All)
                {
                    if (account.SimulateWorkers)
                    {
                        account.Hitl.AdvanceSimulatedWork(delay);
                        account.Ango.AdvanceSimulatedWork(delay);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
