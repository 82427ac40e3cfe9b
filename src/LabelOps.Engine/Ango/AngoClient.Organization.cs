using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Ango
{
    /// <summary>Organisation administration: members, invites and storage integrations.</summary>
    internal sealed partial class AngoClient
    {
        /// <summary>
        /// The organisation id the /organization/{orgId}/… routes need: the caller's, or else the organisation of
        /// the first project the key can see (GET /listProjects?limit=1). Not cached: a session is shared by
        /// runspaces and its key's organisation is the service's business, so each command asks once.
        /// </summary>
        public async Task<string> ResolveOrganizationIdAsync(string? organizationId, CancellationToken cancellationToken)
        {
            if (!string.IsNullOrEmpty(organizationId))
            {
                return IdRules.Require(organizationId, "OrganizationId");
            }
            await foreach (var project in ListProjectsAsync(new PageRange { First = 1, PageSize = 1 }, null, null, cancellationToken).ConfigureAwait(false))
            {
                if (!string.IsNullOrEmpty(project.Organization))
                {
                    _observer.Verbose("Organization " + project.Organization + " (from project " + project.ProjectId + ")");
                    return project.Organization!;
                }
            }
            throw new LabelOpsException(ErrorReason.InvalidOperation,
                "The organization could not be found from the key's projects (it sees none); pass -OrganizationId (Ango Hub shows it under Organization settings).");
        }

        /// <summary>GET /organization/{orgId}/users, streamed (no total: stops at a short page).</summary>
        public IAsyncEnumerable<AngoMember> ListOrganizationMembersAsync(string organizationId, string? search, PageRange range, CancellationToken cancellationToken)
        {
            IdRules.Require(organizationId, "OrganizationId");
            var members = ListAsync<AngoMember>(() => ApiRequest.Get(OrganizationPath(organizationId, "users")).WithQuery("search", search), "users", null, range, null, cancellationToken);
            return Tag(members, m => m.OrganizationId = organizationId, cancellationToken);
        }

        /// <summary>DELETE /organization/{orgId}/users with {users:[emails]}. Returns data (deleted/failed counts) as free-form JSON.</summary>
        public Task<object?> RemoveOrganizationMembersAsync(string organizationId, IReadOnlyList<string> emails, CancellationToken cancellationToken)
        {
            IdRules.Require(organizationId, "OrganizationId");
            var request = ApiRequest.Delete(OrganizationPath(organizationId, "users"))
                .WithJsonBody(Body(new Dictionary<string, object?> { ["users"] = emails }));
            return SendAsync(request, Freeform, cancellationToken);
        }

        /// <summary>POST /organization/{orgId}/users with {users:[{email, organizationRole}]}. Setting a role twice is harmless, so it is retried like a read.</summary>
        public Task<object?> SetOrganizationMemberRolesAsync(string organizationId, IReadOnlyList<KeyValuePair<string, string>> emailRoles, CancellationToken cancellationToken)
        {
            IdRules.Require(organizationId, "OrganizationId");
            EmailRules.Require(emailRoles.Select(p => p.Key));
            var users = emailRoles.Select(p => new Dictionary<string, object?> { ["email"] = p.Key, ["organizationRole"] = p.Value }).ToList();
            var request = ApiRequest.Post(OrganizationPath(organizationId, "users"), RequestKind.Idempotent)
                .WithJsonBody(Body(new Dictionary<string, object?> { ["users"] = users }));
            return SendAsync(request, Freeform, cancellationToken);
        }

        /// <summary>GET /organization/{orgId}/invites, streamed (no total: stops at a short page).</summary>
        public IAsyncEnumerable<AngoInvite> ListOrganizationInvitesAsync(string organizationId, PageRange range, CancellationToken cancellationToken)
        {
            IdRules.Require(organizationId, "OrganizationId");
            var invites = ListAsync<AngoInvite>(() => ApiRequest.Get(OrganizationPath(organizationId, "invites")), "invites", null, range, null, cancellationToken);
            return Tag(invites, i => i.OrganizationId = organizationId, cancellationToken);
        }

        /// <summary>
        /// POST /organization/{orgId}/invites with {to, organizationRole, projectAssignments}. A create (it sends
        /// e-mails): never re-sent after an ambiguous failure. Returns data.invites when the service lists them.
        /// </summary>
        public Task<IReadOnlyList<AngoInvite>> InviteOrganizationMembersAsync(
            string organizationId,
            IReadOnlyList<string> emails,
            string organizationRole,
            IReadOnlyList<AngoProjectAssignment>? projectAssignments,
            CancellationToken cancellationToken)
        {
            IdRules.Require(organizationId, "OrganizationId");
            EmailRules.Require(emails);
            var body = new Dictionary<string, object?>
            {
                ["to"] = emails,
                ["organizationRole"] = organizationRole,
                ["projectAssignments"] = (projectAssignments ?? Array.Empty<AngoProjectAssignment>())
                    .Select(a => new Dictionary<string, object?> { ["projectId"] = a.ProjectId, ["projectRole"] = a.ProjectRole }).ToList(),
            };
            var request = ApiRequest.Post(OrganizationPath(organizationId, "invites"), RequestKind.Create).WithJsonBody(Body(body));
            return SendAsync<IReadOnlyList<AngoInvite>>(request, data =>
            {
                var invites = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("invites", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.Deserialize<List<AngoInvite>>(ServiceJson.Ango)!
                    : new List<AngoInvite>();
                foreach (var invite in invites) invite.OrganizationId = organizationId;
                return invites;
            }, cancellationToken);
        }

        /// <summary>DELETE /organization/{orgId}/invites with {invites:[emails]} (the body is an assumption: the reference does not show it).</summary>
        public Task<object?> RemoveOrganizationInvitesAsync(string organizationId, IReadOnlyList<string> emails, CancellationToken cancellationToken)
        {
            IdRules.Require(organizationId, "OrganizationId");
            var request = ApiRequest.Delete(OrganizationPath(organizationId, "invites"))
                .WithJsonBody(Body(new Dictionary<string, object?> { ["invites"] = emails }));
            return SendAsync(request, Freeform, cancellationToken);
        }

        /// <summary>GET /storages, streamed (no total: stops at a short page).</summary>
        public IAsyncEnumerable<AngoStorage> ListStoragesAsync(PageRange range, CancellationToken cancellationToken) =>
            ListAsync<AngoStorage>(() => ApiRequest.Get("storages"), "storages", null, range, null, cancellationToken);

        /// <summary>
        /// POST /storages. The body carries secrets, so this one request is sent with an observer that hides
        /// request bodies from -Debug (the engine logs bodies for every other call).
        /// </summary>
        public Task<AngoStorage> CreateStorageAsync(AngoStorageDefinition storage, CancellationToken cancellationToken)
        {
            var body = new Dictionary<string, object?>
            {
                ["name"] = storage.Name,
                ["type"] = storage.Type,
                ["bucket"] = storage.Bucket,
            };
            if (!string.IsNullOrEmpty(storage.Region)) body["region"] = storage.Region;
            if (storage.Credentials != null) body["credentials"] = storage.Credentials;
            if (storage.PrivateKey != null) body["privateKey"] = storage.PrivateKey;
            var request = ApiRequest.Post("storages", RequestKind.Create).WithJsonBody(Body(body));
            var secrets = (storage.Credentials?.Values ?? Enumerable.Empty<string>()).Concat(new[] { storage.PrivateKey ?? string.Empty }).ToList();
            return _connection.SendAsync(
                request,
                response => AngoEnvelope.ReadData(response, data => AngoEnvelope.Property<AngoStorage>(data, "storage")),
                new SecretHidingObserver(_observer, secrets),
                cancellationToken);
        }

        /// <summary>DELETE /storages/{id}.</summary>
        public Task DeleteStorageAsync(string storageId, CancellationToken cancellationToken)
        {
            IdRules.Require(storageId, "StorageId");
            return SendAsync(ApiRequest.Delete(ApiRequest.PathOf("storages", storageId)), _ => true, cancellationToken);
        }

        private static string OrganizationPath(string organizationId, string what) => ApiRequest.PathOf("organization", organizationId) + "/" + what;

        private static object? Freeform(JsonElement data)
        {
            var reader = new Utf8JsonReader(JsonSerializer.SerializeToUtf8Bytes(data));
            reader.Read();
            return FreeformJsonConverter.ReadValue(ref reader);
        }

        private static async IAsyncEnumerable<T> Tag<T>(IAsyncEnumerable<T> items, Action<T> tag, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                tag(item);
                yield return item;
            }
        }

        /// <summary>Passes diagnostics on, except request bodies, and masks any secret that still turns up (e.g. echoed in an error).</summary>
        private sealed class SecretHidingObserver : IRequestObserver, IDebugAwareObserver
        {
            public bool DebugEnabled => _inner.WantsDebug();

            private readonly IRequestObserver _inner;
            private readonly List<string> _secrets;

            public SecretHidingObserver(IRequestObserver inner, IEnumerable<string> secrets)
            {
                _inner = inner;
                _secrets = secrets.Where(s => s.Length >= 4)
                    .SelectMany(s => new[] { s, JsonSerializer.Serialize(s).Trim('"') })
                    .Distinct()
                    .OrderByDescending(s => s.Length)
                    .ToList();
            }

            public void Verbose(string message) => _inner.Verbose(Mask(message));

            public void Debug(string message) =>
                _inner.Debug(message.StartsWith("Request body:", StringComparison.Ordinal) ? "Request body: (not shown: it contains storage credentials)" : Mask(message));

            private string Mask(string message)
            {
                foreach (var secret in _secrets)
                {
                    message = message.Replace(secret, "***");
                }
                return message;
            }
        }
    }
}
