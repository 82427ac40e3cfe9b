using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace LabelOps.Tests.Infrastructure
{
    /// <summary>Everything one pipeline produced, stream by stream.</summary>
    public sealed class PowerShellResult
    {
        public List<PSObject> Output { get; } = new List<PSObject>();
        public List<ErrorRecord> Errors { get; } = new List<ErrorRecord>();
        public List<string> Verbose { get; } = new List<string>();
        public List<string> Debug { get; } = new List<string>();
        public List<string> Warnings { get; } = new List<string>();
        public List<ProgressRecord> Progress { get; } = new List<ProgressRecord>();

        /// <summary>A terminating error, if the pipeline stopped with one.</summary>
        public RuntimeException? Terminating { get; set; }

        public IReadOnlyList<T> Objects<T>()
        {
            lock (this) return Output.Select(o => o.BaseObject).OfType<T>().ToList();
        }

        public IEnumerable<string> ErrorIds => Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]);

        /// <summary>Every text the run produced anywhere, for leak checks.</summary>
        public IEnumerable<string> AllText()
        {
            foreach (var o in Output) yield return o?.ToString() ?? string.Empty;
            foreach (var e in Errors)
            {
                yield return e.ToString();
                yield return e.Exception?.ToString() ?? string.Empty;
                yield return e.ErrorDetails?.Message ?? string.Empty;
                yield return e.TargetObject?.ToString() ?? string.Empty;
            }
            foreach (var v in Verbose) yield return v;
            foreach (var d in Debug) yield return d;
            foreach (var w in Warnings) yield return w;
            foreach (var p in Progress) yield return p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation;
            if (Terminating != null)
            {
                yield return Terminating.ToString();
                yield return Terminating.ErrorRecord?.ToString() ?? string.Empty;
            }
        }

        /// <summary>For arranging steps: any error (cmdlet errors are usually statement-terminating, so they land in Errors, not Terminating).</summary>
        public void ThrowIfFailed()
        {
            if (Terminating != null) throw new InvalidOperationException("The pipeline failed: " + Terminating.Message, Terminating);
            if (Errors.Count > 0) throw new InvalidOperationException("The pipeline wrote errors: " + string.Join("; ", Errors.Select(e => e.ToString())));
        }
    }
}
