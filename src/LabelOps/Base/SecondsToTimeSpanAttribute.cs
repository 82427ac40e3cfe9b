using System;
using System.Globalization;
using System.Management.Automation;

namespace LabelOps.Base
{
    /// <summary>
    /// Lets a [TimeSpan] parameter take a plain number as seconds (-Timeout 600), as PowerShell users expect from
    /// -TimeoutSec style parameters; PowerShell's own conversion would read 600 as 600 ticks.
    /// </summary>
    internal sealed class SecondsToTimeSpanAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case TimeSpan span:
                    return span;
                case int _:
                case long _:
                case double _:
                case float _:
                case decimal _:
                    return TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
                    return TimeSpan.FromSeconds(seconds);
                case string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed):
                    return parsed;
                default:
                    return inputData;
            }
        }
    }
}
