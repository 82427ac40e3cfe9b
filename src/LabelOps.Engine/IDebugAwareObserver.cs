namespace LabelOps.Engine
{
    /// <summary>
    /// An observer that can say nobody reads its debug text, so the session skips building it: a redacted copy of
    /// every response body costs more than parsing the body itself. Observers without it are sent everything.
    /// </summary>
    internal interface IDebugAwareObserver
    {
        bool DebugEnabled { get; }
    }
}
