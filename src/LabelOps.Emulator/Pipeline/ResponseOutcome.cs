namespace LabelOps.Emulator.Pipeline;

internal enum ResponseOutcome
{
    Send,
    SendTruncated,
    Dropped,
}
