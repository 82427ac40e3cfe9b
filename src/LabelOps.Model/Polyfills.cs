// netstandard2.0 lacks the marker type that C# 9 'init' accessors and records need; the compiler only
// looks it up by name, so declaring it here is the documented way to use them on older frameworks.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}

namespace System.Diagnostics.CodeAnalysis
{
    // netstandard2.0 lacks the nullable attributes; the compiler honours them by name.
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.ReturnValue, AllowMultiple = true)]
    internal sealed class NotNullIfNotNullAttribute : Attribute
    {
        public NotNullIfNotNullAttribute(string parameterName) => ParameterName = parameterName;

        public string ParameterName { get; }
    }
}
