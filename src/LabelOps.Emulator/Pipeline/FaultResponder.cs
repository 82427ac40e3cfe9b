using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Pipeline;

/// <summary>Writes the response of a fault that replaces the real one.</summary>
internal static class FaultResponder
{
    // The kind of page a reverse proxy in front of the service answers when the service is down.
    private const string HtmlPage =
        "<html>\r\n<head><title>{0} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>{0} Bad Gateway</h1></center>\r\n" +
        "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    /// <param name="handlerBody">What the real handler wrote, when it ran; a truncated fault cuts that.</param>
    public static async Task<ResponseOutcome> ReplaceAsync(HttpContext context, Fault fault, ServiceProfile service, byte[]? handlerBody)
    {
        if (fault.DropConnection)
        {
            // The pipeline aborts the connection once the request is logged, so a client never sees the reset first.
            return ResponseOutcome.Dropped;
        }

        var response = context.Response;
        response.Clear();
        ApplyRetryAfter(response, fault);

        if (fault.HtmlBody)
        {
            response.StatusCode = fault.Status ?? StatusCodes.Status502BadGateway;
            response.ContentType = "text/html";
            await response.WriteAsync(string.Format(HtmlPage, response.StatusCode));
            return ResponseOutcome.Send;
        }

        if (fault.RedirectTo is not null)
        {
            response.StatusCode = fault.Status ?? StatusCodes.Status302Found;
            response.Headers.Location = fault.RedirectTo;
            return ResponseOutcome.Send;
        }

        if (fault.Body is not null)
        {
            response.StatusCode = fault.Status ?? StatusCodes.Status200OK;
            response.ContentType = fault.ContentType ?? "application/json";
            await response.WriteAsync(fault.Body);
            return ResponseOutcome.Send;
        }

        if (fault.TruncatedBody)
        {
            response.StatusCode = fault.Status ?? StatusCodes.Status200OK;
            response.ContentType = "application/json";
            var whole = handlerBody is { Length: > 1 }
                ? handlerBody
                : Encoding.UTF8.GetBytes(service.ErrorBody("Injected fault: this body is cut short on purpose"));
            await response.Body.WriteAsync(whole.AsMemory(0, whole.Length / 2));
            return ResponseOutcome.SendTruncated;
        }

        response.StatusCode = fault.Status ?? StatusCodes.Status500InternalServerError;
        response.ContentType = "application/json";
        await response.WriteAsync(service.ErrorBody("Injected fault"));
        return ResponseOutcome.Send;
    }

    public static void ApplyRetryAfter(HttpResponse response, Fault fault)
    {
        if (fault.RetryAfter is not null)
        {
            response.Headers.RetryAfter = fault.RetryAfter;
        }
    }
}
