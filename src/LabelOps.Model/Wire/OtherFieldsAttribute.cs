using System;

// The public model cannot carry System.Text.Json attributes: it loads in PowerShell's default load context, while
// System.Text.Json is one of the isolated dependencies. These attributes say the same things in our own words; the
// engine's serializer options (src/LabelOps.Engine/Json/WireContract.cs) read them. Internal: not part of the surface.
namespace LabelOps.Wire
{
    /// <summary>Collects every field the class does not name (free-form values), and writes them back at the top level.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class OtherFieldsAttribute : Attribute
    {
    }
}
