using System;

namespace LabelOps.Engine
{
    /// <summary>Thrown inside an attempt when a 2xx answer cannot be read as the expected JSON (e.g. a truncated body).</summary>
    internal sealed class ResponseFormatException : Exception
    {
        public ResponseFormatException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
