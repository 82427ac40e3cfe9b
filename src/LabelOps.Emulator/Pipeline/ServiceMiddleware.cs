using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Pipeline;

/// <summary>
/// Wraps every request to an emulated service: picks the service by path prefix, authenticates the account
/// by the service's key header, injects the account's faults and records the exchange in its log.
/// </summary>
/// <remarks>
/// The handler's response is buffered, so that a fault can still replace it after the handler ran and so
/// that the request is in the log before the client sees any byte of the answer.
/// </remarks>
internal sealed class ServiceMiddleware
{
    private readonly AccountRegistry _accounts;
    private readonly IReadOnlyList<ServiceProfile> _services;
    private readonly TimeProvider _time;
    private readonly CancellationToken _stopping;

    /// <param name="stopping">Cut injected delays short when the server stops, so that disposing it is quick.</param>
    public ServiceMiddleware(AccountRegistry accounts, IReadOnlyList<ServiceProfile> services, TimeProvider time, CancellationToken stopping)
    {
        _accounts = accounts;
        _services = services;
        _time = time;
        _stopping = stopping;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var service = FindService(context.Request.Path);
        if (service is null)
        {
            await next(context);
            return;
        }

        var receivedAt = _time.GetUtcNow();
        var requestBody = await ReadRequestBodyAsync(context.Request);
        var apiKey = service.ReadApiKey(context.Request);
        var account = apiKey is null ? null : _accounts.Find(apiKey);
        var log = account?.Log ?? _accounts.Unauthenticated;
        var slot = log.Begin();

        var realBody = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var outcome = ResponseOutcome.Send;
        string? faultApplied = null;
        Fault? slowBody = null;
        var failed = false;
        try
        {
            if (account is null && IsSignedStoragePath(context.Request.Path))
            {
                // A signed storage link (the Ango export archive): no key, the handler checks the URL's signature.
                outcome = await RunAsync(context, next, service, null, buffer);
            }
            else if (account is null)
            {
                await service.WriteUnauthorizedAsync(context.Response);
            }
            else if (!await account.Throttle.AdmitAsync(context, service, _stopping))
            {
                // Over the account's rate limit: the 429 is written, and neither faults nor the handler run.
            }
            else
            {
                context.Features.Set(account);
                var fault = account.Faults.TryTake(context.Request.Method, context.Request.Path.Value ?? "/") ?? account.FaultMix?.Draw();
                faultApplied = fault?.Describe();
                slowBody = fault?.BodyChunkDelay is null ? null : fault;
                outcome = await RunAsync(context, next, service, fault, buffer);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            context.Abort();
            outcome = ResponseOutcome.Dropped;
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            context.Response.Body = realBody;
            var status = outcome == ResponseOutcome.Dropped ? 0 : failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            log.Complete(slot, Record(context.Request, service, requestBody, status, receivedAt, faultApplied));
        }

        if (outcome == ResponseOutcome.Dropped)
        {
            context.Abort();
            return;
        }

        // A truncated body must not announce its real length; without one Kestrel sends it chunked.
        context.Response.ContentLength = outcome == ResponseOutcome.SendTruncated ? null : buffer.Length;
        buffer.Position = 0;
        if (slowBody is not null)
        {
            await WriteSlowlyAsync(buffer, realBody, slowBody, context.RequestAborted);
            return;
        }
        await buffer.CopyToAsync(realBody, context.RequestAborted);
    }

    /// <summary>A slow link: the body in pieces, each flushed, with a pause between (Fault.BodyChunkDelay).</summary>
    private async Task WriteSlowlyAsync(MemoryStream body, Stream destination, Fault fault, CancellationToken aborted)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping);
        var piece = new byte[Math.Max(1, fault.BodyChunkBytes)];
        int read;
        var first = true;
        while ((read = body.Read(piece, 0, piece.Length)) > 0)
        {
            if (!first)
            {
                await Task.Delay(fault.BodyChunkDelay!.Value, _time, cancel.Token);
            }
            first = false;
            await destination.WriteAsync(piece.AsMemory(0, read), cancel.Token);
            await destination.FlushAsync(cancel.Token);
        }
    }

    private async Task<ResponseOutcome> RunAsync(HttpContext context, RequestDelegate next, ServiceProfile service, Fault? fault, MemoryStream buffer)
    {
        if (fault is null)
        {
            await RunHandlerAsync(context, next, service, buffer);
            return ResponseOutcome.Send;
        }

        if (fault.AfterHandler)
        {
            await RunHandlerAsync(context, next, service, buffer);
        }

        if (fault.Delay is { } delay)
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping);
            await Task.Delay(delay, _time, cancel.Token);
        }

        if (!fault.ReplacesResponse)
        {
            if (!fault.AfterHandler)
            {
                await RunHandlerAsync(context, next, service, buffer);
            }

            FaultResponder.ApplyRetryAfter(context.Response, fault);
            return ResponseOutcome.Send;
        }

        var handlerBody = fault.AfterHandler ? buffer.ToArray() : null;
        return await FaultResponder.ReplaceAsync(context, fault, service, handlerBody);
    }

    private static async Task RunHandlerAsync(HttpContext context, RequestDelegate next, ServiceProfile service, MemoryStream buffer)
    {
        await next(context);

        // Routing answers unknown routes and wrong methods with an empty body; the services answer in their own shape.
        var status = context.Response.StatusCode;
        if (buffer.Length == 0 && status is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(service.ErrorBody(status == StatusCodes.Status404NotFound ? "Not Found" : "Method Not Allowed"));
        }
    }

    /// <summary>
    /// Emulated cloud storage behind pre-signed URLs (Ango's getUploadUrl PUTs under /v2/_storage, export
    /// archives under /v2/storage). Like S3 it is authorised by the URL's signature, never by the API key, so
    /// requests without a key reach their handler (logged as unauthenticated), which must verify the signature.
    /// </summary>
    internal static readonly PathString SignedStoragePrefix = "/v2/_storage";

    private static readonly PathString[] SignedStoragePaths = [SignedStoragePrefix, "/v2/storage"];

    private static bool IsSignedStoragePath(PathString path) => Array.Exists(SignedStoragePaths, path.StartsWithSegments);

    private ServiceProfile? FindService(PathString path)
    {
        foreach (var service in _services)
        {
            if (path.StartsWithSegments(service.PathPrefix))
            {
                return service;
            }
        }

        return null;
    }

    private static async Task<string> ReadRequestBodyAsync(HttpRequest request)
    {
        // Buffered so that the handler can read the body again after the log did.
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return body;
    }

    private static RecordedRequest Record(
        HttpRequest request, ServiceProfile service, string body, int status, DateTimeOffset receivedAt, string? faultApplied)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key.ToLowerInvariant()] = header.Value.ToString();
        }

        return new RecordedRequest(
            service.Name,
            request.Method,
            request.Path.Value ?? "/",
            request.QueryString.Value ?? string.Empty,
            headers,
            body,
            status,
            receivedAt,
            faultApplied);
    }
}
