namespace LabelOps.Engine
{
    internal static class RequestObservers
    {
        public static bool WantsDebug(this IRequestObserver observer) => !(observer is IDebugAwareObserver aware) || aware.DebugEnabled;
    }
}
