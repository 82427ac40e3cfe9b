using System;

// The public model cannot carry System.Text.Json attributes: it loads in PowerShell's default load context, while
// System.Text.Json is one of the isolated dependencies. These attributes say the same things in our own words; the
// engine's serializer options (src/LabelOps.Engine/Json/WireContract.cs) read them. Internal: not part of the surface.
namespace LabelOps.Wire
{
    /// <summary>Free-form JSON: read as dictionaries, lists and plain values so dot notation works in PowerShell.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class FreeformAttribute : Attribute
    {
    }
}
