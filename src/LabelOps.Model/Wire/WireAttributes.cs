using System;

// The public model cannot carry System.Text.Json attributes: it loads in PowerShell's default load context, while
// System.Text.Json is one of the isolated dependencies. These attributes say the same things in our own words; the
// engine's serializer options (src/LabelOps.Engine/Json/WireContract.cs) read them. Internal: not part of the surface.
namespace LabelOps.Wire
{
    /// <summary>The field's name on the wire, where it differs from the service's naming policy.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class WireNameAttribute : Attribute
    {
        public WireNameAttribute(string name) => Name = name;

        public string Name { get; }
    }

    /// <summary>Free-form JSON: read as dictionaries, lists and plain values so dot notation works in PowerShell.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class FreeformAttribute : Attribute
    {
    }

    /// <summary>Set by LabelOps, never read from or written to the service.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class NotOnWireAttribute : Attribute
    {
    }

    /// <summary>
    /// The contract says every answer carries this field: an answer without it is not the object described (a proxy's
    /// page, another API's reply) and is refused as LabelOps.InvalidResponse instead of read as an empty object.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class WireRequiredAttribute : Attribute
    {
    }

    /// <summary>Collects every field the class does not name (free-form values), and writes them back at the top level.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class OtherFieldsAttribute : Attribute
    {
    }
}
