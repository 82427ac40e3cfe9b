// netstandard2.0 lacks the marker type that C# 9 'init' accessors and records need; the compiler only
// looks it up by name, so declaring it here is the documented way to use them on older frameworks.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
