using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace LabelOps.Benchmarks;

/// <summary>
/// The emulator, run as its own process (dotnet LabelOps.Emulator.dll) so that the working set and CPU the harness
/// measures are the module's alone, driven through its HTTP control surface (/_emulator).
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(5) };

    private EmulatorProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static async Task<EmulatorProcess> StartAsync(TimeSpan workerDelay)
    {
        var path = typeof(EmulatorProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "EmulatorPath").Value!;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", path, "--urls", "http://127.0.0.1:0", "--worker-delay", workerDelay.TotalSeconds.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start " + path);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[emulator] " + e.Data); };
        process.BeginErrorReadLine();
        const string marker = "listening on ";
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (line is null) throw new InvalidOperationException("The emulator stopped before listening (" + path + ").");
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                var emulator = new EmulatorProcess(process, new Uri(line[(at + marker.Length)..].Trim()));
                _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() is not null) { } });
                return emulator;
            }
        }
    }

    public async Task<string> CreateAccountAsync(bool simulateWorkers = false) =>
        (string)(await PostAsync("/accounts", new JsonObject { ["simulateWorkers"] = simulateWorkers }))!["apiKey"]!;

    public async Task<string> CreateHitlProjectAsync(string apiKey) =>
        (string)(await PostAsync("/hitl/projects", new JsonObject { ["apiKey"] = apiKey, ["name"] = "Bench", ["status"] = "active" }))!["id"]!;

    public Task SetLatencyAsync(string apiKey, TimeSpan latency) =>
        PostAsync("/latency", new JsonObject { ["apiKey"] = apiKey, ["latencyMs"] = (int)latency.TotalMilliseconds });

    /// <summary>Queues a fault for the account's next request matching method and path (fields as in about_LabelOps_Emulator, e.g. delayMs).</summary>
    public Task AddFaultAsync(string apiKey, string method, string path, JsonObject fault)
    {
        fault["apiKey"] = apiKey;
        fault["method"] = method;
        fault["path"] = path;
        return PostAsync("/faults", fault);
    }

    public Task SetRateLimitAsync(string apiKey, int? limit, TimeSpan window, string mode = "fixed") =>
        PostAsync("/rate-limit", new JsonObject { ["apiKey"] = apiKey, ["limit"] = limit, ["windowSeconds"] = (int)window.TotalSeconds, ["scope"] = "ango", ["mode"] = mode });

    /// <summary>Adds count finished jobs to a HITL project at once (a big project's history).</summary>
    public Task AddGeneratedHitlJobsAsync(string apiKey, string projectId, int count) =>
        PostAsync("/hitl/generated-jobs", new JsonObject { ["apiKey"] = apiKey, ["projectId"] = projectId, ["count"] = count, ["status"] = "done" });

    /// <summary>Adds one new job (the simulated workers, when on, take it from there); returns its ID.</summary>
    public async Task<string> CreateHitlJobAsync(string apiKey, string projectId) =>
        (string)(await PostAsync("/hitl/jobs", new JsonObject { ["apiKey"] = apiKey, ["projectId"] = projectId }))!["job_id"]!;

    /// <summary>Moves a job to a status as a worker would (done: finish_date now, fake annotations).</summary>
    public Task SetHitlJobStatusAsync(string apiKey, string projectId, string jobId, string status) =>
        PostAsync("/hitl/jobs/" + projectId + "/" + jobId + "/status", new JsonObject { ["apiKey"] = apiKey, ["status"] = status });

    /// <summary>The size in bytes of the body the API answers to GET path (as the account), as a client receives it.</summary>
    public async Task<long> HitlReplyBytesAsync(string apiKey, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri, path));
        request.Headers.TryAddWithoutValidation("Authorization", "api_key " + apiKey);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).LongLength;
    }

    public async Task<(long Allowed, long RateLimited)> RateLimitCountsAsync(string apiKey)
    {
        var state = await GetAsync("/rate-limit?apiKey=" + Uri.EscapeDataString(apiKey));
        return ((long)state["allowed"]!, (long)state["rateLimited"]!);
    }

    public Task SetGeneratedTasksAsync(string apiKey, string projectId, int count) =>
        PostAsync("/ango/projects/" + projectId + "/generated-tasks", new JsonObject { ["apiKey"] = apiKey, ["count"] = count });

    public Task SetGeneratedExportRecordsAsync(string apiKey, string projectId, int count) =>
        PostAsync("/ango/projects/" + projectId + "/generated-export-records", new JsonObject { ["apiKey"] = apiKey, ["count"] = count });

    /// <summary>The account's request log: method, path, status and when each arrived.</summary>
    public async Task<RequestSummary[]> RequestsAsync(string apiKey)
    {
        var list = (JsonArray)await GetNodeAsync("/requests?apiKey=" + Uri.EscapeDataString(apiKey));
        return list.Select(r => new RequestSummary(
            (string)r!["method"]!,
            (string)r["path"]!,
            (string?)r["queryString"] ?? string.Empty,
            (int)r["responseStatus"]!,
            DateTimeOffset.Parse((string)r["receivedAt"]!, CultureInfo.InvariantCulture),
            (string?)r["faultApplied"])).ToArray();
    }

    public async Task ClearRequestsAsync(string apiKey)
    {
        using var response = await _http.DeleteAsync(Control("/requests?apiKey=" + Uri.EscapeDataString(apiKey)));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// The emulator's own floor for a listing: every page fetched by <paramref name="inFlight"/> bare loops (one
    /// keep-alive connection each, the body read and dropped, nothing parsed), as the account. The "ideal" of the
    /// listing rows assumes answers come exactly the latency after they were asked; this is what they take here.
    /// </summary>
    public async Task<TimeSpan> ListingFloorAsync(string apiKey, string projectId, int pages, int inFlight)
    {
        using var client = new HttpClient();
        var next = 0;
        async Task Loop()
        {
            int page;
            while ((page = Interlocked.Increment(ref next)) <= pages)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri, "v2/project/" + projectId + "/tasks?page=" + page + "&limit=100"));
                request.Headers.TryAddWithoutValidation("apikey", apiKey);
                using var response = await client.SendAsync(request);
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsByteArrayAsync();
            }
        }
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Loop()));
        return watch.Elapsed;
    }

    private Uri Control(string path) => new(BaseUri, "_emulator" + path);

    private async Task<JsonObject?> PostAsync(string path, JsonObject body)
    {
        using var response = await _http.PostAsJsonAsync(Control(path), body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException("POST /_emulator" + path + " -> " + (int)response.StatusCode + ": " + text);
        return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
    }

    private async Task<JsonObject> GetAsync(string path) => (JsonObject)await GetNodeAsync(path);

    private async Task<JsonNode> GetNodeAsync(string path)
    {
        var text = await _http.GetStringAsync(Control(path));
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

public sealed record RequestSummary(string Method, string Path, string QueryString, int Status, DateTimeOffset ReceivedAt, string? FaultApplied = null);
