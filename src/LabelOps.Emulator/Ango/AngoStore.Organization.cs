using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Ango;

// The organisation: members (seeded with an Admin owner, a Member and a Guest), pending invites and storage
// integrations. Storage credentials are kept apart from the records the API returns, so no answer can carry them.
public sealed partial class AngoStore
{
    public static readonly IReadOnlyList<string> OrganizationRoles = ["Admin", "Member", "Guest"];

    private List<JsonObject>? _members;
    private readonly List<JsonObject> _invites = new();
    private readonly List<JsonObject> _storages = new();
    private readonly Dictionary<string, JsonNode?> _storageSecrets = new(StringComparer.Ordinal);

    /// <summary>Copies of the organisation's members.</summary>
    public IReadOnlyList<JsonObject> GetMembers()
    {
        lock (_gate) return Members().Select(m => m.DeepClone().AsObject()).ToList();
    }

    /// <summary>Adds a member (for arranging tests).</summary>
    public void AddMember(string email, string role = "Member", string? name = null)
    {
        lock (_gate) Members().Add(NewMember(email, role, name ?? email.Split('@')[0]));
    }

    public IReadOnlyList<JsonObject> GetInvites()
    {
        lock (_gate) return _invites.Select(i => i.DeepClone().AsObject()).ToList();
    }

    /// <summary>Storages as GET /storages shows them (never with credentials).</summary>
    public IReadOnlyList<JsonObject> GetStorages()
    {
        lock (_gate) return _storages.Select(s => s.DeepClone().AsObject()).ToList();
    }

    /// <summary>The secrets a storage was created with (what the service keeps but never returns).</summary>
    public JsonNode? GetStorageSecrets(string storageId)
    {
        lock (_gate) return _storageSecrets.TryGetValue(storageId, out var secret) ? secret?.DeepClone() : null;
    }

    /// <summary>Adds a storage (for arranging tests); returns its id.</summary>
    public string AddStorage(string name, string type = "aws", string bucket = "bucket", string? region = "eu-west-1")
    {
        lock (_gate) return CreateStorageLocked(name, type, bucket, region, null)["_id"]!.GetValue<string>();
    }

    internal List<JsonObject> FindMembers(string? search)
    {
        lock (_gate)
        {
            return Members().Where(m => search is null
                    || ((string?)m["email"] ?? string.Empty).Contains(search, StringComparison.OrdinalIgnoreCase)
                    || ((string?)m["name"] ?? string.Empty).Contains(search, StringComparison.OrdinalIgnoreCase))
                .Select(m => m.DeepClone().AsObject()).ToList();
        }
    }

    /// <summary>Sets roles; returns one result per email ("updated", "not found" or "invalid role").</summary>
    internal List<(string Email, string Status)> SetMemberRoles(IEnumerable<(string Email, string Role)> changes)
    {
        lock (_gate)
        {
            var results = new List<(string, string)>();
            foreach (var (email, role) in changes)
            {
                var member = Members().FirstOrDefault(m => string.Equals((string?)m["email"], email, StringComparison.OrdinalIgnoreCase));
                if (!OrganizationRoles.Contains(role)) results.Add((email, "invalid role"));
                else if (member is null) results.Add((email, "not found"));
                else
                {
                    member["organizationRole"] = role;
                    results.Add((email, "updated"));
                }
            }
            return results;
        }
    }

    internal (int Deleted, int Failed) RemoveMembers(IEnumerable<string> emails)
    {
        lock (_gate)
        {
            int deleted = 0, failed = 0;
            foreach (var email in emails)
            {
                if (Members().RemoveAll(m => string.Equals((string?)m["email"], email, StringComparison.OrdinalIgnoreCase)) > 0) deleted++;
                else failed++;
            }
            return (deleted, failed);
        }
    }

    internal List<JsonObject> CreateInvites(IEnumerable<string> emails, string role, JsonArray projectAssignments)
    {
        lock (_gate)
        {
            var created = new List<JsonObject>();
            foreach (var email in emails)
            {
                var invite = new JsonObject
                {
                    ["_id"] = Ids.NewId(),
                    ["to"] = email,
                    ["organizationRole"] = role,
                    ["status"] = "Pending",
                    ["createdBy"] = "owner@example.test",
                    ["projectAssignments"] = projectAssignments.DeepClone(),
                    ["createdAt"] = Now(),
                    ["expiresAt"] = AngoResults.FormatDate(_time.GetUtcNow().AddDays(7)),
                };
                _invites.Add(invite);
                created.Add(invite.DeepClone().AsObject());
            }
            return created;
        }
    }

    internal (int Deleted, int Failed) RemoveInvites(IEnumerable<string> emails)
    {
        lock (_gate)
        {
            int deleted = 0, failed = 0;
            foreach (var email in emails)
            {
                if (_invites.RemoveAll(i => string.Equals((string?)i["to"], email, StringComparison.OrdinalIgnoreCase)) > 0) deleted++;
                else failed++;
            }
            return (deleted, failed);
        }
    }

    internal JsonObject CreateStorage(string name, string type, string bucket, string? region, JsonNode? secrets)
    {
        lock (_gate) return CreateStorageLocked(name, type, bucket, region, secrets).DeepClone().AsObject();
    }

    internal JsonObject? DeleteStorage(string storageId)
    {
        lock (_gate)
        {
            var storage = _storages.FirstOrDefault(s => (string?)s["_id"] == storageId);
            if (storage is null) return null;
            _storages.Remove(storage);
            _storageSecrets.Remove(storageId);
            return storage;
        }
    }

    private JsonObject CreateStorageLocked(string name, string type, string bucket, string? region, JsonNode? secrets)
    {
        var storage = new JsonObject
        {
            ["_id"] = Ids.NewId(),
            ["name"] = name,
            ["type"] = type,
            ["bucket"] = bucket,
            ["region"] = region,
            ["organization"] = OrganizationId,
            ["createdAt"] = Now(),
        };
        _storages.Add(storage);
        _storageSecrets[(string)storage["_id"]!] = secrets?.DeepClone();
        return storage;
    }

    private List<JsonObject> Members() => _members ??= new List<JsonObject>
    {
        NewMember("owner@example.test", "Admin", "Owner"),
        NewMember("member@example.test", "Member", "Mia Member"),
        NewMember("guest@example.test", "Guest", "Gus Guest"),
    };

    private JsonObject NewMember(string email, string role, string name) => new()
    {
        ["_id"] = Ids.NewId(),
        ["email"] = email,
        ["name"] = name,
        ["organizationRole"] = role,
        ["createdAt"] = Now(),
    };
}
