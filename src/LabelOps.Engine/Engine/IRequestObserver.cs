namespace LabelOps.Engine
{
    /// <summary>
    /// Receives the diagnostic text of one caller's requests (the PowerShell layer forwards it to -Verbose and
    /// -Debug). Sessions are shared across runspaces, so the observer travels with each call, not the session.
    /// Nothing passed here contains the API key.
    /// </summary>
    internal interface IRequestObserver
    {
        void Verbose(string message);

        void Debug(string message);
    }

    /// <summary>
    /// An observer that can say nobody reads its debug text, so the session skips building it: a redacted copy of
    /// every response body costs more than parsing the body itself. Observers without it are sent everything.
    /// </summary>
    internal interface IDebugAwareObserver
    {
        bool DebugEnabled { get; }
    }

    internal static class RequestObservers
    {
        public static bool WantsDebug(this IRequestObserver observer) => !(observer is IDebugAwareObserver aware) || aware.DebugEnabled;
    }

    internal sealed class NullRequestObserver : IRequestObserver, IDebugAwareObserver
    {
        public static readonly NullRequestObserver Instance = new NullRequestObserver();

        public bool DebugEnabled => false;

        public void Verbose(string message) { }

        public void Debug(string message) { }
    }
}
