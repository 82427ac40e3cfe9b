using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;

namespace LabelOps.Engine.Ango
{
    internal sealed partial class AngoClient
    {
        /// <summary>GET /listProjects, streamed page by page.</summary>
        public IAsyncEnumerable<AngoProject> ListProjectsAsync(PageRange range, string? sort, Action<long>? onTotal, CancellationToken cancellationToken) =>
            ListAsync<AngoProject>(() => ApiRequest.Get("listProjects"), "projects", sort, range, onTotal, cancellationToken);

        /// <summary>GET /project/{id}: the whole project, with schema, stages, batches and members.</summary>
        public Task<AngoProject> GetProjectAsync(string projectId, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            return SendAsync(ApiRequest.Get(ApiRequest.PathOf("project", projectId)), data => AngoEnvelope.Property<AngoProject>(data, "project"), cancellationToken);
        }
    }
}
