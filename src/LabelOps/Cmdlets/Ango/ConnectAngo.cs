using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>Creates the default Ango Hub session, validated with a one-item project listing.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Ango", DefaultParameterSetName = ApiKeySet)]
    [OutputType(typeof(AngoSession))]
    public sealed class ConnectAngo : ConnectCmdlet<AngoSession>
    {
        /// <summary>Which Ango Hub server: EU (default), US, India or Test. -BaseUri overrides it.</summary>
        [Parameter]
        public AngoRegion Region { get; set; } = AngoRegion.EU;

        /// <summary>How many page requests of a listing may be unanswered at once (1 reads page after page).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int PagesInFlight { get; set; } = 8;

        private protected override SessionSlot<AngoSession> Slot => DefaultSessions.Ango;

        protected override string ServiceName => "Ango Hub";

        private protected override AngoSession CreateSession(SecureString key, SessionOptions options)
        {
            // An explicit -Region beats $env:ANGO_BASE_URI; -BaseUri beats both.
            var baseUri = BaseUri
                ?? (MyInvocation.BoundParameters.ContainsKey(nameof(Region)) ? null : Slot.BaseUriFromEnvironment())
                ?? AngoSession.BaseUriFor(Region);
            if (baseUri.AbsolutePath == "/")
            {
                // The API lives under /v2/ on every Ango Hub server; a bare host (the form Connect-Hitl takes)
                // means its API, not a 404 from /listProjects at the root.
                baseUri = new System.Uri(baseUri, "v2/");
            }
            options.PagesInFlight = PagesInFlight;
            return LabelOps.Engine.Ango.AngoConnection.Open(key, baseUri, options);
        }

        protected override void Validate(AngoSession session) =>
            RunAsync(async (bridge, token) =>
            {
                var client = new AngoClient(session, bridge);
                // The one project read also names the key's organisation, which tells two accounts apart in Get-AngoSession.
                await foreach (var project in client.ListProjectsAsync(new PageRange { First = 1, PageSize = 1 }, null, null, token).ConfigureAwait(false))
                {
                    session.Organization = project.Organization;
                }
            });
    }
}
