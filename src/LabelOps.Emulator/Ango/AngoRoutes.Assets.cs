using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LabelOps.Emulator.Ango;

internal static partial class AngoRoutes
{
    static partial void MapAssets(RouteGroupBuilder v2, EmulatorOptions options) => AngoAssetEndpoints.Map(v2);
}
