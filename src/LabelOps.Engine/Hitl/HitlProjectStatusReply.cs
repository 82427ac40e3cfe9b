using System;
using System.Collections.Generic;

namespace LabelOps.Engine.Hitl
{
    internal sealed class HitlProjectStatusReply { public string? Status { get; set; } }
}
