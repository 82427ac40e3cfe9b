using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LabelOps.Emulator;

/// <summary>
/// An in-process HTTP server on loopback that plays the labeling services: each account is an isolated
/// client of the service, with its own data, fault plan and request log.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly AccountRegistry _accounts;
    private readonly SimulatedWorkers? _workers;
    private int _disposed;

    private EmulatorServer(WebApplication app, AccountRegistry accounts, SimulatedWorkers? workers, Uri baseUri)
    {
        _app = app;
        _accounts = accounts;
        _workers = workers;
        BaseUri = baseUri;
    }

    /// <summary>Where the server listens, with a trailing slash, e.g. http://127.0.0.1:41234/ (HITL paths are /v1/... below it).</summary>
    public Uri BaseUri { get; }

    /// <summary>Snapshot of the requests whose key matched no account.</summary>
    public IReadOnlyList<RecordedRequest> UnauthenticatedRequests => _accounts.Unauthenticated.Snapshot();

    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var endpoints = LoopbackUrls.Parse(options.Urls);
        var time = TimeProvider.System;
        var accounts = new AccountRegistry(time);
        accounts.Throttle.Latency = options.Latency;
        accounts.Throttle.RateLimitPerMinute = options.RateLimitPerMinute;
        accounts.Throttle.RateLimitScope = options.RateLimitScope;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failed start (e.g. a busy port) is thrown to the caller; the host's own log of it is a 40-line stack.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var endpoint in endpoints)
            {
                kestrel.Listen(endpoint);
            }
        });

        var app = builder.Build();
        var pipeline = new ServiceMiddleware(accounts, [HitlServiceProfile.Instance, AngoServiceProfile.Instance], time, app.Lifetime.ApplicationStopping);
        app.Use(next => context => pipeline.InvokeAsync(context, next));
        HitlRoutes.Map(app, options);
        AngoRoutes.Map(app, options);
        ControlRoutes.Map(app, accounts);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var workers = options.SimulatedWorkerDelay is { } delay ? new SimulatedWorkers(accounts, delay, time) : null;
        return new EmulatorServer(app, accounts, workers, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Creates a new, isolated account.</summary>
    /// <param name="apiKey">The key clients will present; a random 32-character key when null.</param>
    /// <exception cref="InvalidOperationException">An account with this key exists already.</exception>
    public EmulatorAccount CreateAccount(string? apiKey = null, bool simulateWorkers = false) => _accounts.Create(apiKey, simulateWorkers);

    public EmulatorAccount? FindAccount(string apiKey) => _accounts.Find(apiKey);

    /// <summary>Server-wide latency (for accounts without their own) and the rate limit new accounts start with.</summary>
    public ServerThrottle Throttle => _accounts.Throttle;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_workers is not null)
        {
            await _workers.DisposeAsync();
        }

        using var timeout = new CancellationTokenSource(ShutdownTimeout);
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
