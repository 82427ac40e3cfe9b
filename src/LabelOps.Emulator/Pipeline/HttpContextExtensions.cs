using System;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Pipeline;

internal static class HttpContextExtensions
{
    /// <summary>The account the pipeline authenticated this request as.</summary>
    public static EmulatorAccount GetEmulatorAccount(this HttpContext context) =>
        context.Features.Get<EmulatorAccount>()
        ?? throw new InvalidOperationException("The request was not authenticated by the service pipeline.");

    /// <summary>Base URI as the client reached this server, with a trailing slash.</summary>
    public static Uri PublicBaseUri(this HttpRequest request) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}/");
}
