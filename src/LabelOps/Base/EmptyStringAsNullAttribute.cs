using System.Management.Automation;

namespace LabelOps.Base
{
    /// <summary>
    /// Turns an empty or blank string into null before binding, so an empty Import-Csv cell means "not given"
    /// (PowerShell would otherwise convert "" to 0 for a number).
    /// </summary>
    internal sealed class EmptyStringAsNullAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is string text && text.Trim().Length == 0 ? null : inputData;
        }
    }
}
