namespace LabelOps.Engine
{
    /// <summary>
    /// What may safely be repeated. Decides retries: reads and idempotent writes are retried after any transient
    /// failure; a create is re-sent only when the service certainly did not process it (429, or the connection
    /// failed before the request was sent), so an ambiguous failure never produces a duplicate.
    /// </summary>
    internal enum RequestKind
    {
        Read,
        Idempotent,
        Create,
    }
}
