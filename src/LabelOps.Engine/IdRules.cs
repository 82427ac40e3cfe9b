using System;

namespace LabelOps.Engine
{
    /// <summary>Checks caller-supplied IDs before they are put into a URL path.</summary>
    internal static class IdRules
    {
        public const int MaximumLength = 256;

        public static string Require(string? id, string parameterName)
        {
            if (id == null || id.Trim().Length == 0)
            {
                throw LabelOpsException.InvalidArgument(parameterName + " is empty.");
            }
            if (id.Length > MaximumLength)
            {
                throw LabelOpsException.InvalidArgument(parameterName + " is " + id.Length + " characters long; the limit is " + MaximumLength + ".");
            }
            if (id == "." || id == "..")
            {
                throw LabelOpsException.InvalidArgument(parameterName + " '" + id + "' is not a valid ID.");
            }
            foreach (var c in id)
            {
                if (char.IsControl(c))
                {
                    throw LabelOpsException.InvalidArgument(parameterName + " contains a control character.");
                }
            }
            return id;
        }
    }
}
