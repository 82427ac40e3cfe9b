using System.Collections.Generic;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// One asset an <see cref="AngoAssetImport"/> adds: what is registered, the local file uploaded first (none for a
    /// URL or a row), what an error about it names, and the batches its row names besides the import's own.
    /// </summary>
    internal sealed class AngoAssetImportItem
    {
        public AngoAssetImportItem(AngoNewAsset asset, string? file, object? target, IReadOnlyList<string>? rowBatches = null)
        {
            Asset = asset;
            File = file;
            Target = target;
            RowBatches = rowBatches;
        }

        /// <summary>What is registered; the import sets its batch ids, and its Data once the file is uploaded.</summary>
        public AngoNewAsset Asset { get; }

        public string? File { get; }

        /// <summary>What an error about this asset names: the file, the URL or the row.</summary>
        public object? Target { get; }

        /// <summary>Batch names or ids from the row's 'batches' column.</summary>
        public IReadOnlyList<string>? RowBatches { get; }
    }
}
