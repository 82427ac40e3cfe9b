using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Ango
{
    /// <summary>The two layouts of an exportV3 archive's entry.</summary>
    internal enum AngoExportFormat
    {
        /// <summary>One JSON array of task records.</summary>
        Json,

        /// <summary>Newline-delimited JSON: one task record per line.</summary>
        Ndjson,
    }
}
