namespace LabelOps.Engine.Ango
{
    /// <summary>What an <see cref="AngoAssetImportOutcome"/> reports.</summary>
    internal enum AngoAssetImportOutcomeKind
    {
        /// <summary>Up to 100 items the project already held by external id (-SkipExisting); nothing was sent for them.</summary>
        Skipped,

        /// <summary>One item whose batches could not be resolved or whose file could not be uploaded; it is not registered.</summary>
        Failed,

        /// <summary>A registration request that created its assets.</summary>
        Registered,

        /// <summary>A registration request that failed; it is never re-sent, and its items are what it carried.</summary>
        NotRegistered,
    }
}
