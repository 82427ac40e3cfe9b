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
}
