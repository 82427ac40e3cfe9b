using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Pipeline;

internal enum ResponseOutcome
{
    Send,
    SendTruncated,
    Dropped,
}
