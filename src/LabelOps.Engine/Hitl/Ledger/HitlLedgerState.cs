namespace LabelOps.Engine.Hitl.Ledger
{
    /// <summary>Where a row stands, folded from its ledger lines in file order.</summary>
    internal enum HitlLedgerState
    {
        /// <summary>No line: the row was never sent.</summary>
        New,

        /// <summary>The service certainly made nothing (it refused the create): send again.</summary>
        Failed,

        /// <summary>An intent with no done after it: the create may or may not have landed.</summary>
        InDoubt,

        /// <summary>The row's job is known.</summary>
        Done,
    }
}
