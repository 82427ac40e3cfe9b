using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using LabelOps.Base;

namespace LabelOps.Completers
{
    /// <summary>
    /// What the LabelOps argument completers share: the session (-Session on the command line, else the default
    /// one), matching what was typed against a value or its name, quoting, and the rule that completion never
    /// fails: any error yields no completions, because an exception would surface in the middle of the user's typing.
    /// </summary>
    public abstract class SessionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var typed = Unquote(wordToComplete ?? string.Empty);
                return Candidates(fakeBoundParameters ?? new Hashtable())
                    .Where(c => c.Value.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || (c.Name != null && c.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)))
                    .Select(c => new CompletionResult(Quote(c.Value), c.Name == null || c.Name == c.Value ? c.Value : c.Value + " (" + c.Name + ")", CompletionResultType.ParameterValue, c.ToolTip))
                    .ToList();
            }
            catch (Exception)
            {
                return new CompletionResult[0];
            }
        }

        internal abstract IEnumerable<CompletionCandidate> Candidates(IDictionary boundParameters);

        internal static HitlSession? HitlSessionFrom(IDictionary boundParameters) =>
            Unwrap(boundParameters, "Session") as HitlSession ?? DefaultSessions.Hitl.Current;

        /// <summary>-Session, else the default session (made from $env:ANGO_API_KEY when that is how the cmdlets would run), else none.</summary>
        internal static AngoSession? AngoSessionFrom(IDictionary boundParameters)
        {
            if (Unwrap(boundParameters, "Session") is AngoSession explicitSession) return explicitSession;
            try
            {
                return DefaultSessions.Ango.Resolve(null);
            }
            catch (LabelOpsException)
            {
                return null;
            }
        }

        /// <summary>The first value typed for a parameter (a string, or the first of an array), or null.</summary>
        internal static string? TextFrom(IDictionary boundParameters, string name)
        {
            var value = Unwrap(boundParameters, name);
            if (value is IEnumerable many && !(value is string))
            {
                value = many.Cast<object?>().Select(v => v is PSObject p ? p.BaseObject : v).FirstOrDefault();
            }
            var text = value as string;
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }

        private static object? Unwrap(IDictionary boundParameters, string name)
        {
            var value = boundParameters.Contains(name) ? boundParameters[name] : null;
            return value is PSObject wrapped ? wrapped.BaseObject : value;
        }

        private static string Unquote(string word) => word.Trim('\'', '"');

        private static string Quote(string value) =>
            value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.') ? value : "'" + value.Replace("'", "''") + "'";
    }
}
