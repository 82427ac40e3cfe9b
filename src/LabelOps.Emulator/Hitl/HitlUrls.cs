using System;
using System.Collections.Generic;

namespace LabelOps.Emulator.Hitl;

/// <summary>The document's rules for the URLs clients hand in.</summary>
internal static class HitlUrls
{
    public static readonly IReadOnlyList<string> InstructionExtensions = ["pdf", "docx", "png", "jpg", "jpeg"];

    public static readonly IReadOnlyList<string> JobFileExtensions = ["pdf", "png", "jpg", "jpeg"];

    /// <summary>
    /// An absolute http(s) URL whose path ends in one of the extensions. The real service downloads the file
    /// while it handles the request; the emulator has no network to do that, so the URL's form is all it checks.
    /// </summary>
    public static bool IsFileUrl(string url, IReadOnlyList<string> extensions)
    {
        if (!IsHttpUrl(url, out var uri))
        {
            return false;
        }

        var path = uri.AbsolutePath;
        var dot = path.LastIndexOf('.');
        if (dot < 0 || dot < path.LastIndexOf('/'))
        {
            return false;
        }

        var extension = path[(dot + 1)..].ToLowerInvariant();
        return ((ICollection<string>)extensions).Contains(extension);
    }

    public static bool IsHttpUrl(string url) => IsHttpUrl(url, out _);

    private static bool IsHttpUrl(string url, out Uri uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri!)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;
}
