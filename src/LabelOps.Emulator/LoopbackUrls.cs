using System;
using System.Collections.Generic;
using System.Net;

namespace LabelOps.Emulator;

/// <summary>Turns <see cref="EmulatorOptions.Urls"/> into loopback endpoints, refusing anything else.</summary>
internal static class LoopbackUrls
{
    public static IReadOnlyList<IPEndPoint> Parse(string urls)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(urls);
        var endpoints = new List<IPEndPoint>();
        foreach (var part in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new ArgumentException($"'{part}' is not an http:// URL. The emulator serves plain HTTP on loopback only.", nameof(urls));
            }

            endpoints.Add(new IPEndPoint(ParseLoopbackHost(uri.Host, part), uri.Port));
        }

        return endpoints;
    }

    private static IPAddress ParseLoopbackHost(string host, string url)
    {
        // Kestrel cannot pick a dynamic port for "localhost" (it would bind IPv4 and IPv6 separately).
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address))
        {
            return address;
        }

        throw new ArgumentException($"'{url}' is not a loopback address. The emulator never listens beyond this machine.", nameof(url));
    }
}
