using System;

namespace LabelOps.Emulator.Ango;

/// <summary>One PUT that reached the emulated storage behind a signed upload URL.</summary>
/// <param name="HadApiKey">Whether the request carried an <c>apikey</c> header (it must not; such PUTs are refused).</param>
public sealed record StorageUpload(string ProjectId, string FileName, string Path, long Length, string? ContentType, bool HadApiKey, int Status, DateTimeOffset ReceivedAt);
