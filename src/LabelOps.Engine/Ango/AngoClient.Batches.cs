using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;

namespace LabelOps.Engine.Ango
{
    // Batches: read from the project, replaced as a whole list, and assigned to assets.
    internal sealed partial class AngoClient
    {
        /// <summary>The project's batches (GET /project/{id}, data.project.batches), each with its ProjectId set.</summary>
        public async Task<IReadOnlyList<AngoBatch>> GetBatchesAsync(string projectId, CancellationToken cancellationToken)
        {
            var project = await GetProjectAsync(projectId, cancellationToken).ConfigureAwait(false);
            return WithProject(project.Batches, projectId);
        }

        /// <summary>
        /// POST /batches/{projectId} with the project's FULL batch list: the service replaces the list, so existing
        /// batches must be sent back (with their ids) or they are dropped — what the SDK's create_batch does.
        /// Returns the project's batches after the change. A create: never re-sent after an ambiguous failure.
        /// </summary>
        public async Task<IReadOnlyList<AngoBatch>> SetBatchesAsync(string projectId, IEnumerable<AngoBatch> batches, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            var list = batches.Select(b => new BatchBody { Id = b.BatchId, Name = b.Name, Description = b.Description, Color = b.Color }).ToList();
            var request = ApiRequest.Post(ApiRequest.PathOf("batches", projectId), RequestKind.Create).WithJsonBody(Body(new { batches = list }));
            var project = await SendAsync(request, data => AngoEnvelope.Property<AngoProject>(data, "project"), cancellationToken).ConfigureAwait(false);
            return WithProject(project.Batches, projectId);
        }

        /// <summary>POST /assignBatches {assets, batches}: adds the batches (ids) to each asset. Assigning twice changes nothing, so it is retried as idempotent.</summary>
        public Task AssignBatchesAsync(IReadOnlyList<string> assetIds, IReadOnlyList<string> batchIds, CancellationToken cancellationToken)
        {
            if (assetIds.Count == 0) throw LabelOpsException.InvalidArgument("No asset ids to assign batches to.");
            if (batchIds.Count == 0) throw LabelOpsException.InvalidArgument("No batches to assign.");
            foreach (var id in assetIds) IdRules.Require(id, "AssetId");
            var request = ApiRequest.Post("assignBatches", RequestKind.Idempotent).WithJsonBody(Body(new { assets = assetIds, batches = batchIds }));
            return SendAsync(request, data => true, cancellationToken);
        }

        private static IReadOnlyList<AngoBatch> WithProject(IReadOnlyList<AngoBatch>? batches, string projectId)
        {
            var list = batches ?? Array.Empty<AngoBatch>();
            foreach (var batch in list) batch.ProjectId = projectId;
            return list;
        }

        private sealed class BatchBody
        {
            [System.Text.Json.Serialization.JsonPropertyName("_id")]
            public string? Id { get; set; }

            public string Name { get; set; } = string.Empty;

            public string? Description { get; set; }

            public string? Color { get; set; }
        }
    }
}
