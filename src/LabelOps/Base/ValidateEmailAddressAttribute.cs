using System;
using System.Management.Automation;

namespace LabelOps.Base
{
    /// <summary>
    /// Refuses, before anything is sent, a value that is not a plain e-mail address (one '@' between a local part and a
    /// dotted domain, no spaces, no display name). The service mails invitees and assignees, so a typo such as
    /// "kim@@example" must not reach it. Written here because PowerShell has no e-mail validator and System.Net.Mail's
    /// parser accepts display names and undotted domains.
    /// </summary>
    public sealed class ValidateEmailAddressAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var text = (element is PSObject wrapped ? wrapped.BaseObject : element) as string;
            if (!IsEmailAddress(text))
            {
                throw new ValidationMetadataException("'" + text + "' is not an e-mail address (name@example.com).");
            }
        }

        internal static bool IsEmailAddress(string? text)
        {
            if (string.IsNullOrEmpty(text) || text!.Trim().Length != text.Length)
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
