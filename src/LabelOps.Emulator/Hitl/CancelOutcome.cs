using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Hitl;

internal enum CancelOutcome
{
    Canceled,
    NotCancelable,
    ProjectNotFound,
    JobNotFound,
}
