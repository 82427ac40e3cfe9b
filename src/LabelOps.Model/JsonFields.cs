using System.Collections.Generic;
using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>
    /// Fields the service sent that a model has no property for (JSON extension data), kept as free-form values so
    /// that they can be sent back; ToString is their JSON, which is what Export-Csv writes into a cell.
    /// </summary>
    public sealed class JsonFields : Dictionary<string, object?>
    {
        public override string ToString() => FreeformText.ToJson(this);
    }
}
