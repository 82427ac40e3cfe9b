using System.Collections.Generic;

namespace LabelOps.Engine.Hitl
{
    /// <summary>What a streamed bulk read of a project's jobs kept, and what it cost.</summary>
    internal sealed class HitlJobListRead
    {
        internal HitlJobListRead(Dictionary<string, HitlJob> kept, int jobs, long bytes)
        {
            Kept = kept;
            Jobs = jobs;
            Bytes = bytes;
        }

        /// <summary>The jobs asked for that the reply held, by job ID (the first when an ID came twice).</summary>
        public IReadOnlyDictionary<string, HitlJob> Kept { get; }

        /// <summary>How many job objects the reply held in all.</summary>
        public int Jobs { get; }

        /// <summary>The reply's size in bytes (after decompression).</summary>
        public long Bytes { get; }
    }
}
