namespace LabelOps.Engine.Hitl
{
    /// <summary>How one poll of a project reads the jobs waited for.</summary>
    internal enum HitlPollRead
    {
        /// <summary>One GET v1/jobs/{project}/{job} per job waited for.</summary>
        SingleReads,

        /// <summary>One GET v1/jobs/{project}: the whole project's jobs, parsed streaming, keeping only those waited for.</summary>
        BulkRead,
    }
}
