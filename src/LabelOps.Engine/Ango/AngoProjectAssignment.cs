using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Ango
{
    /// <summary>One project an invitee joins, and with which project role.</summary>
    internal sealed class AngoProjectAssignment
    {
        public string ProjectId { get; set; } = string.Empty;

        public string ProjectRole { get; set; } = string.Empty;
    }
}
