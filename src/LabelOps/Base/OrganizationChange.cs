using System.Collections;
using System.Collections.Generic;
using System.Linq;
using LabelOps.Base;

namespace LabelOps.Base
{
    /// <summary>What the collecting organisation cmdlets share: their ShouldProcess target and how they report partial failures.</summary>
    internal static class OrganizationChange
    {
        public static string Describe(IReadOnlyList<string> emails, string? organizationId)
        {
            var shown = emails.Count <= 5 ? string.Join(", ", emails) : string.Join(", ", emails.Take(5)) + " and " + (emails.Count - 5) + " more";
            return emails.Count + " user(s) (" + shown + ") in organization " + (organizationId ?? "(of the key's projects)");
        }

        /// <summary>Warns when data reports failures ({deleted, failed} or users{updated, failed, results}).</summary>
        public static void ReportCounts(PipelineBridge bridge, object? data, int sent, string verb)
        {
            var map = data as IDictionary;
            if (map != null && map.Contains("users") && map["users"] is IDictionary users) map = users;
            if (map == null)
            {
                return;
            }
            bridge.Verbose(sent + " sent; service reports " + string.Join(", ", map.Keys.Cast<object>().Where(k => !(map[k] is IEnumerable) || map[k] is string).Select(k => k + "=" + map[k])));
            if (map.Contains("failed") && System.Convert.ToInt64(map["failed"], System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                var details = map.Contains("results") && map["results"] is IEnumerable results
                    ? ": " + string.Join(", ", results.OfType<IDictionary>().Where(r => !string.Equals(r["status"] as string, "updated", System.StringComparison.OrdinalIgnoreCase)).Select(r => r["email"] + " (" + r["status"] + ")"))
                    : string.Empty;
                bridge.WriteWarning(map["failed"] + " of " + sent + " could not be " + verb + details);
            }
        }
    }
}
