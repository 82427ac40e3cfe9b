using System;

// The public model cannot carry System.Text.Json attributes: it loads in PowerShell's default load context, while
// System.Text.Json is one of the isolated dependencies. These attributes say the same things in our own words; the
// engine's serializer options (src/LabelOps.Engine/Json/WireContract.cs) read them. Internal: not part of the surface.
namespace LabelOps.Wire
{
    /// <summary>
    /// The contract says every answer carries this field: an answer without it is not the object described (a proxy's
    /// page, another API's reply) and is refused as LabelOps.InvalidResponse instead of read as an empty object.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class WireRequiredAttribute : Attribute
    {
    }
}
