namespace LabelOps.Emulator.Hitl;

internal enum CancelOutcome
{
    Canceled,
    NotCancelable,
    ProjectNotFound,
    JobNotFound,
}
