namespace LabelOps.Engine
{
    internal sealed class NullRequestObserver : IRequestObserver, IDebugAwareObserver
    {
        public static readonly NullRequestObserver Instance = new NullRequestObserver();

        public bool DebugEnabled => false;

        public void Verbose(string message) { }

        public void Debug(string message) { }
    }
}
