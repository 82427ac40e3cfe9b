namespace LabelOps.Emulator.Ango;

/// <summary>An instructions file as the emulator received it (multipart field "file").</summary>
public sealed record AngoInstructionsFile(string FileName, string? ContentType, byte[] Content, string Url);
