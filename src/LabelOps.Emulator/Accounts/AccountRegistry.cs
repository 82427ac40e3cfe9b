using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace LabelOps.Emulator.Accounts;

/// <summary>All accounts of one server, found by API key whatever the service.</summary>
internal sealed class AccountRegistry
{
    private readonly ConcurrentDictionary<string, EmulatorAccount> _accounts = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public AccountRegistry(TimeProvider time) => _time = time;

    /// <summary>Requests whose key matched no account.</summary>
    public RequestLog Unauthenticated { get; } = new();

    /// <summary>Latency and the rate limit new accounts start with, for the whole server.</summary>
    public ServerThrottle Throttle { get; } = new();

    public IEnumerable<EmulatorAccount> All => _accounts.Values;

    public EmulatorAccount Create(string? apiKey, bool simulateWorkers)
    {
        if (apiKey is not null && string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException("An API key must not be empty.", nameof(apiKey));
        }

        var account = new EmulatorAccount(apiKey ?? Ids.NewApiKey(), simulateWorkers, _time, Throttle);
        if (!_accounts.TryAdd(account.ApiKey, account))
        {
            throw new InvalidOperationException("An account with this API key already exists.");
        }

        return account;
    }

    public EmulatorAccount? Find(string apiKey) => _accounts.TryGetValue(apiKey, out var account) ? account : null;
}
