using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LabelOps.Engine.Hitl
{
    /// <summary>The input rules the HITL document states, checked before anything is sent.</summary>
    internal static class HitlRules
    {
        public static readonly string[] JobFileExtensions = { "pdf", "png", "jpg", "jpeg" };
        public static readonly string[] InstructionsFileExtensions = { "pdf", "docx", "png", "jpg", "jpeg" };
        public const int MinimumExpirationMinutes = 1;
        public const int MaximumExpirationMinutes = 1440;

        public static string RequireFileUrl(string? url, string what, IReadOnlyCollection<string> extensions)
        {
            var uri = RequireHttpUrl(url, what);
            var extension = Path.GetExtension(uri.AbsolutePath).TrimStart('.').ToLowerInvariant();
            if (!extensions.Contains(extension))
            {
                throw LabelOpsException.InvalidArgument(
                    what + " '" + url + "' must end in ." + string.Join(", .", extensions) + (extension.Length == 0 ? " (it has no extension)." : " (not ." + extension + ")."));
            }
            return uri.AbsoluteUri;
        }

        public static Uri RequireHttpUrl(string? url, string what)
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                throw LabelOpsException.InvalidArgument(what + " is empty.");
            }
            if (!Uri.TryCreate(url!.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw LabelOpsException.InvalidArgument(what + " '" + url + "' is not an absolute http:// or https:// URL.");
            }
            return uri;
        }

        public static void RequireExpiration(int? minutes)
        {
            if (minutes.HasValue && (minutes.Value < MinimumExpirationMinutes || minutes.Value > MaximumExpirationMinutes))
            {
                throw LabelOpsException.InvalidArgument(
                    "ExpirationMinutes must be between " + MinimumExpirationMinutes + " and " + MaximumExpirationMinutes + " (24 hours); it was " + minutes.Value + ".");
            }
        }
    }
}
