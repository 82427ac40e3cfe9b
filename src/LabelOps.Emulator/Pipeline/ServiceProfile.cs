using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Pipeline;

/// <summary>
/// What the shared pipeline needs to know about one emulated service: where its routes live,
/// how a client presents its key, and the shape of its error bodies.
/// </summary>
internal abstract class ServiceProfile
{
    /// <summary>Short name recorded in <see cref="RecordedRequest.Service"/>.</summary>
    public abstract string Name { get; }

    /// <summary>Requests under this path belong to the service, e.g. "/v1".</summary>
    public abstract PathString PathPrefix { get; }

    /// <summary>The API key the request presents, or null when it presents none.</summary>
    public abstract string? ReadApiKey(HttpRequest request);

    /// <summary>A JSON error body in the service's own shape.</summary>
    public abstract string ErrorBody(string message);

    public abstract Task WriteUnauthorizedAsync(HttpResponse response);
}
