using System;

namespace LabelOps
{
    /// <summary>
    /// What one registration request (POST /project/{id}/cloud) did (PSTypeName LabelOps.AngoAssetImportResult).
    /// The service answers with counts only, not the new assets' ids, so LabelOps adds what it sent; read the
    /// assets back with Get-AngoAsset -ExternalId when their ids are needed.
    /// </summary>
    public sealed class AngoAssetImportResult
    {
        public string ProjectId { get; set; } = string.Empty;

        public long AssetsCreated { get; set; }

        public long TasksCreated { get; set; }

        public long PreLabelsCount { get; set; }

        public long ValidPreLabelsCount { get; set; }

        /// <summary>
        /// With Add-AngoAsset -SkipExisting: how many of <see cref="Assets"/> the project already held under their
        /// external ids, and so were not sent (a result of skipped assets has no request behind it and creates nothing).
        /// </summary>
        public long AssetsSkipped { get; set; }

        /// <summary>The assets this request registered, in the order sent (or, when <see cref="AssetsSkipped"/> is set, the assets left out).</summary>
        public ValueList<AngoNewAsset> Assets { get; set; } = new ValueList<AngoNewAsset>();

        public override string ToString() => AssetsCreated + " asset(s) created in " + ProjectId;
    }
}
