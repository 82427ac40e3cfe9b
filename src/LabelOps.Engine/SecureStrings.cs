using System.Security;

namespace LabelOps.Engine
{
    internal static class SecureStrings
    {
        /// <summary>For keys that arrive as plain text (environment variables); the string itself is the caller's to forget.</summary>
        public static SecureString FromPlainText(string text)
        {
            var secure = new SecureString();
            foreach (var c in text.Trim())
            {
                secure.AppendChar(c);
            }
            secure.MakeReadOnly();
            return secure;
        }
    }
}
