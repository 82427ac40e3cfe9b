using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace LabelOps.Emulator.Pipeline;

/// <summary>
/// Replaces the console lifetime so that an emulator inside a test process does not capture Ctrl+C or
/// SIGTERM (those belong to the test runner). The standalone program handles them itself.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
