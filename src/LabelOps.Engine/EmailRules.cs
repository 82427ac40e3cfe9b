using System;
using System.Collections.Generic;
using System.Linq;

namespace LabelOps.Engine
{
    /// <summary>
    /// What counts as an e-mail address, checked before a request that carries one is sent: the service mails
    /// invitees and assignees, so a typo such as "kim@@example" must not reach it. One '@' between a local part and a
    /// dotted domain, no spaces, no display name. Written here because .NET's MailAddress parser accepts display
    /// names and undotted domains, and PowerShell has no e-mail validator.
    /// </summary>
    internal static class EmailRules
    {
        /// <summary>Throws LabelOps.InvalidArgument naming every value that is not an e-mail address.</summary>
        public static void Require(IEnumerable<string?> emails)
        {
            var invalid = emails.Where(e => !IsEmailAddress(e)).ToList();
            if (invalid.Count > 0)
            {
                throw LabelOpsException.InvalidArgument("Not an e-mail address: '" + string.Join("', '", invalid) + "'; nothing was sent.");
            }
        }

        public static bool IsEmailAddress(string? text)
        {
            if (text == null || text.Length == 0 || text.Trim().Length != text.Length)
            {
                return false;
            }
            var at = text.IndexOf('@');
            if (at <= 0 || at != text.LastIndexOf('@') || at == text.Length - 1)
            {
                return false;
            }
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '<' || c == '>' || c == ',' || c == ';' || c == '"')
                {
                    return false;
                }
            }
            var domain = text.Substring(at + 1);
            return domain.IndexOf('.') > 0 && !domain.EndsWith(".", StringComparison.Ordinal) && domain.IndexOf("..", StringComparison.Ordinal) < 0;
        }
    }
}
