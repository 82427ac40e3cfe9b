using System;

namespace LabelOps.Benchmarks;

/// <summary>Sizes and emulator settings of one run: the full sizes, or tiny ones for the CI smoke run.</summary>
public sealed record BenchmarkSettings
{
    public string Name { get; init; } = "full";

    /// <summary>Tasks listed, and the emulator latency of every list page (a realistic round trip to a hosted API).</summary>
    public int ListTasks { get; init; } = 100_000;
    public TimeSpan ListLatency { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Tasks read by the script-loop comparison (a loop of Get-AngoTask -Skip n -First 100, as a user might write).</summary>
    public int ScriptLoopTasks { get; init; } = 10_000;

    /// <summary>The emulator's rate limit (a fixed window) and the requests sent under it.</summary>
    public int RateLimit { get; init; } = 600;
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromMinutes(1);
    public int RateLimitedRequests { get; init; } = 900;
    public TimeSpan RateLimitLatency { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The same per-minute limit in shorter windows, with no client limit: the session has only the headers to go by.</summary>
    public int HeaderOnlyLimit { get; init; } = 100;
    public TimeSpan HeaderOnlyWindow { get; init; } = TimeSpan.FromSeconds(10);
    public int HeaderOnlyRequests { get; init; } = 250;

    public int HitlJobs { get; init; } = 1000;
    public TimeSpan HitlLatency { get; init; } = TimeSpan.FromMilliseconds(50);
    public int[] ThrottleLimits { get; init; } = [8, 16];

    /// <summary>Generated export records of about 1 KB each: 1,100,000 make a little over 1 GB of JSON.</summary>
    public int ExportRecords { get; init; } = 1_100_000;

    public int WaitJobs { get; init; } = 500;
    public TimeSpan WorkerDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public int ImportRepeats { get; init; } = 5;

    // Scenarios of issue 13, each run in a fresh real pwsh process (PwshProcess).

    /// <summary>Finished jobs already in the project waited on, and how many new jobs are waited for (few, many).</summary>
    public int BigProjectJobs { get; init; } = 50_000;
    public int WaitFewJobs { get; init; } = 2;
    public int WaitManyJobs { get; init; } = 500;
    public TimeSpan BigWaitPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Requests sent under a per-minute service limit, fixed and sliding window (60 s), with and without -MaxRequestsPerMinute.</summary>
    public int MinuteLimit { get; init; } = 300;
    public int MinuteLimitedRequests { get; init; } = 600;

    /// <summary>Tasks listed in pwsh for the CPU-per-task figure, at this latency per page, 8 pages in flight.</summary>
    public int CpuListTasks { get; init; } = 100_000;
    public TimeSpan CpuListLatency { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Issue 12: small local files uploaded by Add-AngoAsset with this -ThrottleLimit, at this latency, one upload held this long.</summary>
    public int SlowUploadFiles { get; init; } = 40;
    public int SlowUploadThrottleLimit { get; init; } = 4;
    public TimeSpan SlowUploadLatency { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan SlowUploadDelay { get; init; } = TimeSpan.FromSeconds(2);

    public static BenchmarkSettings Full { get; } = new();

    /// <summary>Every scenario at a size that runs in seconds: for correctness (CI), not for the figures.</summary>
    public static BenchmarkSettings Smoke { get; } = new()
    {
        Name = "smoke",
        ListTasks = 1_250,
        ListLatency = TimeSpan.FromMilliseconds(5),
        ScriptLoopTasks = 300,
        RateLimit = 20,
        RateLimitWindow = TimeSpan.FromSeconds(2),
        RateLimitedRequests = 30,
        RateLimitLatency = TimeSpan.FromMilliseconds(5),
        HeaderOnlyLimit = 10,
        HeaderOnlyWindow = TimeSpan.FromSeconds(2),
        HeaderOnlyRequests = 25,
        HitlJobs = 40,
        HitlLatency = TimeSpan.FromMilliseconds(10),
        ThrottleLimits = [8],
        ExportRecords = 3_000,
        WaitJobs = 20,
        WorkerDelay = TimeSpan.FromMilliseconds(200),
        PollInterval = TimeSpan.FromMilliseconds(500),
        ImportRepeats = 2,
        BigProjectJobs = 2_000,
        WaitFewJobs = 2,
        WaitManyJobs = 40,
        BigWaitPollInterval = TimeSpan.FromMilliseconds(500),
        MinuteLimit = 300,
        MinuteLimitedRequests = 40,
        CpuListTasks = 1_000,
        CpuListLatency = TimeSpan.FromMilliseconds(5),
        SlowUploadFiles = 12,
        SlowUploadLatency = TimeSpan.FromMilliseconds(10),
        SlowUploadDelay = TimeSpan.FromMilliseconds(300),
    };
}
