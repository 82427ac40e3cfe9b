using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Security;
using LabelOps.Engine;

namespace LabelOps.Base
{
    /// <summary>
    /// The default session of one service, kept per runspace: scripts in one runspace share it, while runspaces
    /// that run side by side (tests, hosted automation) cannot overwrite each other's. A runspace without one
    /// falls back to the service's environment variables (for Azure Automation and CI).
    /// </summary>
    internal sealed class SessionSlot<TSession> where TSession : ServiceSession
    {
        private readonly ConditionalWeakTable<object, Holder> _byRunspace = new ConditionalWeakTable<object, Holder>();
        private readonly string _keyVariable;
        private readonly string _baseUriVariable;
        private readonly string _connectCommand;
        private readonly Func<SecureString, Uri?, TSession> _create;

        public SessionSlot(string keyVariable, string baseUriVariable, string connectCommand, Func<SecureString, Uri?, TSession> create)
        {
            _keyVariable = keyVariable;
            _baseUriVariable = baseUriVariable;
            _connectCommand = connectCommand;
            _create = create;
        }

        public string KeyVariable => _keyVariable;


        public TSession? Current => CurrentHolder().Session;

        public void Set(TSession? session) => CurrentHolder().Session = session;

        /// <summary>The explicit session, else this runspace's default, else one made from the environment, else a NotConnected error.</summary>
        public TSession Resolve(TSession? explicitSession)
        {
            if (explicitSession != null)
            {
                return explicitSession;
            }
            var holder = CurrentHolder();
            if (holder.Session != null)
            {
                return holder.Session;
            }
            var key = Environment.GetEnvironmentVariable(_keyVariable);
            if (!string.IsNullOrWhiteSpace(key))
            {
                holder.Session = _create(SecureStrings.FromPlainText(key!), BaseUriFromEnvironment());
                return holder.Session;
            }
            throw new LabelOpsException(
                ErrorReason.NotConnected,
                "Not connected. Run " + _connectCommand + " first, or set $env:" + _keyVariable + ".");
        }

        public Uri? BaseUriFromEnvironment()
        {
            var text = Environment.GetEnvironmentVariable(_baseUriVariable);
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                throw LabelOpsException.InvalidArgument("$env:" + _baseUriVariable + " is not an absolute URI.");
            }
            return uri;
        }

        private Holder CurrentHolder() => _byRunspace.GetValue(Runspace.DefaultRunspace ?? (object)this, _ => new Holder());

        private sealed class Holder
        {
            public TSession? Session;
        }
    }
}
