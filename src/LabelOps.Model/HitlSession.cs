using System;

namespace LabelOps
{
    /// <summary>An authenticated connection to the Humans in the Loop API (what Connect-Hitl returns).</summary>
    public sealed class HitlSession : ServiceSession
    {
        public static readonly Uri DefaultBaseUri = new Uri("https://api.humansintheloop.org/");

        internal HitlSession(object connection, SessionSettings settings)
            : base(connection, settings)
        {
        }

        /// <summary>The projects this session has used, for tab completion (the API cannot list projects).</summary>
        internal SeenProjects SeenProjects { get; } = new SeenProjects();
    }
}
