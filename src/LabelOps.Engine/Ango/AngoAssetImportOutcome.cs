using System.Collections.Generic;
using System.Linq;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// One thing an <see cref="AngoAssetImport"/> reports, in the order Add-AngoAsset writes it: a result (skipped or
    /// registered assets) or a failure (of one item, or of one registration request and every item it carried).
    /// </summary>
    internal sealed class AngoAssetImportOutcome
    {
        private AngoAssetImportOutcome(AngoAssetImportOutcomeKind kind, IReadOnlyList<AngoAssetImportItem> items, AngoAssetImportResult? result, LabelOpsException? failure)
        {
            Kind = kind;
            Items = items;
            Result = result;
            Failure = failure;
        }

        public AngoAssetImportOutcomeKind Kind { get; }

        /// <summary>The item that failed, or the items of the chunk (skipped, or carried by the registration request).</summary>
        public IReadOnlyList<AngoAssetImportItem> Items { get; }

        /// <summary>Set for <see cref="AngoAssetImportOutcomeKind.Skipped"/> and <see cref="AngoAssetImportOutcomeKind.Registered"/>.</summary>
        public AngoAssetImportResult? Result { get; }

        /// <summary>Set for <see cref="AngoAssetImportOutcomeKind.Failed"/> and <see cref="AngoAssetImportOutcomeKind.NotRegistered"/>.</summary>
        public LabelOpsException? Failure { get; }

        /// <summary>What an error names: the item's target, or for a failed request the targets of everything it carried (to retry with).</summary>
        public object? Target => Kind == AngoAssetImportOutcomeKind.Failed ? Items[0].Target : Items.Select(i => i.Target).ToArray();

        public static AngoAssetImportOutcome Skipped(IReadOnlyList<AngoAssetImportItem> items, AngoAssetImportResult result) =>
            new AngoAssetImportOutcome(AngoAssetImportOutcomeKind.Skipped, items, result, null);

        public static AngoAssetImportOutcome Failed(AngoAssetImportItem item, LabelOpsException failure) =>
            new AngoAssetImportOutcome(AngoAssetImportOutcomeKind.Failed, new[] { item }, null, failure);

        public static AngoAssetImportOutcome Registered(IReadOnlyList<AngoAssetImportItem> items, AngoAssetImportResult result) =>
            new AngoAssetImportOutcome(AngoAssetImportOutcomeKind.Registered, items, result, null);

        public static AngoAssetImportOutcome NotRegistered(IReadOnlyList<AngoAssetImportItem> items, LabelOpsException failure) =>
            new AngoAssetImportOutcome(AngoAssetImportOutcomeKind.NotRegistered, items, null, failure);
    }
}
