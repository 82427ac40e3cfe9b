using System;
using System.Security.Cryptography;

namespace LabelOps.Emulator;

internal static class Ids
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>24 lower-case hex characters, like the ObjectIds the real service appears to use.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static string NewApiKey() => RandomNumberGenerator.GetString(KeyAlphabet, 32);
}
