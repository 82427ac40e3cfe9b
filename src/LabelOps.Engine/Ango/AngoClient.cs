using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// Every call of the Ango Hub API v2, as typed .NET methods over an <see cref="AngoSession"/>. One partial
    /// file per area (AngoClient.Projects.cs, AngoClient.Tasks.cs, …); this file holds what they share:
    /// sending, the envelope, paging and JSON bodies.
    /// </summary>
    internal sealed partial class AngoClient
    {
        private readonly AngoSession _session;
        private readonly ServiceConnection _connection;
        private readonly IRequestObserver _observer;

        public AngoClient(AngoSession session, IRequestObserver? observer = null)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
            _connection = ServiceConnection.Of(session);
            _observer = observer ?? NullRequestObserver.Instance;
        }

        public AngoSession Session => _session;

        /// <summary>Sends a request and reads the envelope's data with <paramref name="read"/> (inside the attempt, so unreadable answers to reads are retried).</summary>
        private Task<T> SendAsync<T>(ApiRequest request, Func<JsonElement, T> read, CancellationToken cancellationToken) =>
            _connection.SendAsync(request, response => AngoEnvelope.ReadData(response, read), _observer, cancellationToken);

        /// <summary>Streams a paged list: data.&lt;itemsProperty&gt;[] per page, data.total when the service reports it.</summary>
        private IAsyncEnumerable<T> ListAsync<T>(
            Func<ApiRequest> newRequest,
            string itemsProperty,
            string? sort,
            PageRange range,
            Action<long>? onTotal,
            CancellationToken cancellationToken)
        {
            return PageReader.ReadAsync(
                (page, limit, token) => _connection.SendAsync(
                    newRequest()
                        .WithQuery("page", page.ToString(CultureInfo.InvariantCulture))
                        .WithQuery("limit", limit.ToString(CultureInfo.InvariantCulture))
                        .WithQuery("sort", sort),
                    response => AngoEnvelope.ReadPage<T>(response, itemsProperty),
                    _observer,
                    token),
                range,
                onTotal,
                cancellationToken);
        }

        /// <summary>Serialises a request body with Ango's camelCase naming; dictionaries keep their keys as given.</summary>
        private static byte[] Body(object body) => JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ServiceJson.Ango);
    }
}
