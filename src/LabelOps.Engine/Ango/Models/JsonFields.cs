using System.Collections.Generic;
using System.Text.Json;

namespace LabelOps
{
    /// <summary>
    /// Fields the service sent that a model has no property for (JSON extension data), kept as they came so that
    /// they can be sent back; ToString is their JSON, which is what Export-Csv writes into a cell.
    /// </summary>
    public sealed class JsonFields : Dictionary<string, JsonElement>
    {
        public override string ToString() => JsonSerializer.Serialize<Dictionary<string, JsonElement>>(this);
    }
}
