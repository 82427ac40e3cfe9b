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
}
