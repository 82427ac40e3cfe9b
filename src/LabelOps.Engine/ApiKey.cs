using System;
using System.Runtime.InteropServices;
using System.Security;

namespace LabelOps.Engine
{
    /// <summary>
    /// The API key, held as a read-only <see cref="SecureString"/> copy and revealed only for the moment a request
    /// header is written. It has no public members that expose it, so formatting, serialisation (Export-Clixml)
    /// and error text can never show it.
    /// </summary>
    internal sealed class ApiKey
    {
        private readonly SecureString _secret;

        public ApiKey(SecureString secret)
        {
            if (secret == null || secret.Length == 0)
            {
                throw LabelOpsException.InvalidArgument("The API key is empty.");
            }
            _secret = secret.Copy();
            _secret.MakeReadOnly();
        }

        public static ApiKey FromPlainText(string key)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw LabelOpsException.InvalidArgument("The API key is empty.");
            }
            return new ApiKey(SecureStrings.FromPlainText(key));
        }

        public string Reveal()
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(_secret);
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }

        public override string ToString() => "********";
    }
}
