using System;
using System.Collections.Generic;

namespace LabelOps.Emulator.Faults;

/// <summary>
/// Faults waiting to be injected into one account's requests. Entries are consumed in the order they were
/// added: the first entry whose method and path match is used, <c>times</c> times, then the next.
/// </summary>
public sealed class FaultPlan
{
    private readonly object _gate = new();
    private readonly List<Entry> _entries = new();

    /// <param name="method">HTTP method, or "*" for any.</param>
    /// <param name="pathPattern">Literal path where '*' matches exactly one segment, e.g. "/v1/jobs/*/*".</param>
    public void Add(string method, string pathPattern, Fault fault, int times = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(pathPattern);
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        if (!pathPattern.StartsWith('/'))
        {
            throw new ArgumentException("A path pattern starts with '/', e.g. \"/v1/jobs/*/*\".", nameof(pathPattern));
        }

        lock (_gate)
        {
            _entries.Add(new Entry(method.Trim(), Segments(pathPattern), fault, times));
        }
    }

    /// <summary>Uses of faults still waiting for a matching request; 0 once every fault was injected.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                var pending = 0;
                foreach (var entry in _entries)
                {
                    pending += entry.Remaining;
                }

                return pending;
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>Takes one use of the first matching fault, or returns null.</summary>
    internal Fault? TryTake(string method, string path)
    {
        var segments = Segments(path);
        lock (_gate)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                var entry = _entries[i];
                if (!entry.Matches(method, segments))
                {
                    continue;
                }

                entry.Remaining--;
                if (entry.Remaining == 0)
                {
                    _entries.RemoveAt(i);
                }

                return entry.Fault;
            }
        }

        return null;
    }

    private static string[] Segments(string path) => path.Trim('/').Split('/');

    private sealed class Entry(string method, string[] pattern, Fault fault, int remaining)
    {
        public Fault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;

        public bool Matches(string requestMethod, string[] segments)
        {
            if (method != "*" && !string.Equals(method, requestMethod, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (segments.Length != pattern.Length)
            {
                return false;
            }

            for (var i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] != "*" && !string.Equals(pattern[i], segments[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
