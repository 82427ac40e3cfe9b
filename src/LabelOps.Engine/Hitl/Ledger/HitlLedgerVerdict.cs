namespace LabelOps.Engine.Hitl.Ledger
{
    internal enum HitlLedgerVerdict
    {
        /// <summary>No job the row could have made exists: send it.</summary>
        Resend,

        /// <summary>Exactly one job is the row's, and it is nobody else's: record it, send nothing.</summary>
        Adopt,

        /// <summary>The service's answer does not tell: report an error, send nothing.</summary>
        CannotTell,
    }
}
