using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Ango;

/// <summary>
/// The documented list parameters: page (1-based, default 1), limit (1..100, default 10) and sort (default
/// -createdAt; a leading '-' sorts descending). A limit over 100 is refused, as the reference caps it.
/// </summary>
internal readonly record struct AngoPaging(int Page, int Limit, string Sort)
{
    public const int MaximumLimit = 100;

    public static (AngoPaging Paging, IResult? Invalid) Read(HttpRequest request)
    {
        var page = 1;
        var limit = 10;
        var query = request.Query;
        if (query.TryGetValue("page", out var pageText) && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return (default, AngoResults.BadRequest("page must be a whole number of at least 1"));
        }

        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaximumLimit))
        {
            return (default, AngoResults.BadRequest("limit must be a whole number from 1 to " + MaximumLimit));
        }

        var sort = query.TryGetValue("sort", out var sortText) && !string.IsNullOrWhiteSpace(sortText) ? sortText.ToString() : "-createdAt";
        return (new AngoPaging(page, limit, sort), null);
    }

    /// <summary>Sorts by the sort field (strings ordinal, numbers numerically; missing values first), then takes this page.</summary>
    public JsonArray Apply(IEnumerable<JsonObject> items, out int total)
    {
        var descending = Sort.StartsWith('-');
        var field = Sort.TrimStart('-', '+');
        var list = items.ToList();
        total = list.Count;
        var ordered = descending
            ? list.OrderByDescending(i => Key(i, field), KeyComparer.Instance)
            : list.OrderBy(i => Key(i, field), KeyComparer.Instance);
        var slice = ordered.Skip((int)Math.Min(int.MaxValue, (long)(Page - 1) * Limit)).Take(Limit);
        return new JsonArray(slice.Select(i => (JsonNode)i.DeepClone()).ToArray());
    }

    private static IComparable? Key(JsonObject item, string field)
    {
        var value = item[field];
        if (value is JsonValue scalar)
        {
            if (scalar.TryGetValue<double>(out var number)) return number;
            if (scalar.TryGetValue<string>(out var text)) return text;
            if (scalar.TryGetValue<bool>(out var flag)) return flag ? 1 : 0;
        }
        return null;
    }

    private sealed class KeyComparer : IComparer<IComparable?>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(IComparable? x, IComparable? y)
        {
            if (x is null) return y is null ? 0 : -1;
            if (y is null) return 1;
            if (x.GetType() != y.GetType()) return string.CompareOrdinal(x.GetType().Name, y.GetType().Name);
            return x is string a && y is string b ? string.CompareOrdinal(a, b) : x.CompareTo(y);
        }
    }
}
