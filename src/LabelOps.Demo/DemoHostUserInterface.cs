using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace LabelOps.Demo
{
    /// <summary>
    /// Writes what PowerShell sends to its host: formatted output from Out-Default on stdout, and errors, warnings,
    /// verbose and debug lines prefixed and coloured as pwsh shows them (errors on stderr). It never asks questions:
    /// a prompt (a missing mandatory parameter, -Confirm) fails with a message saying so.
    /// </summary>
    internal sealed class DemoHostUserInterface : PSHostUserInterface
    {
        private readonly object _gate = new object();
        private readonly DemoRawUserInterface _raw = new DemoRawUserInterface();
        private bool _writingErrors;

        public override PSHostRawUserInterface RawUI => _raw;

        public override void Write(string value) => Emit(Console.Out, null, value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
            Emit(Console.Out, foregroundColor == _raw.ForegroundColor ? (ConsoleColor?)null : foregroundColor, value);

        public override void WriteLine(string value) => Emit(Console.Out, null, value + Environment.NewLine);

        /// <summary>Runs <paramref name="render"/> with every line it writes shown as an error line.</summary>
        public void WriteAsErrors(Action render)
        {
            _writingErrors = true;
            try
            {
                render();
            }
            finally
            {
                _writingErrors = false;
            }
        }

        public override void WriteErrorLine(string value) => Emit(Console.Error, ConsoleColor.Red, value + Environment.NewLine);

        public override void WriteWarningLine(string message) => Emit(Console.Out, ConsoleColor.Yellow, "WARNING: " + message + Environment.NewLine);

        public override void WriteVerboseLine(string message) => Emit(Console.Out, ConsoleColor.Yellow, "VERBOSE: " + message + Environment.NewLine);

        public override void WriteDebugLine(string message) => Emit(Console.Out, ConsoleColor.Yellow, "DEBUG: " + message + Environment.NewLine);

        /// <summary>Progress bars need a redrawable screen; the demo only writes lines, so progress is not shown.</summary>
        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override string ReadLine() => Console.ReadLine() ?? string.Empty;

        public override SecureString ReadLineAsSecureString() => throw DemoRawUserInterface.NotInteractive();

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw DemoRawUserInterface.NotInteractive();

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw DemoRawUserInterface.NotInteractive();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw DemoRawUserInterface.NotInteractive();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw DemoRawUserInterface.NotInteractive();

        /// <summary>A line written by the program itself (not by the script), e.g. where the emulator listens.</summary>
        public void WriteNote(string value) => Emit(Console.Out, ConsoleColor.Cyan, value + Environment.NewLine);

        private void Emit(TextWriter writer, ConsoleColor? color, string text)
        {
            if (_writingErrors)
            {
                writer = Console.Error;
                color = ConsoleColor.Red;
            }
            lock (_gate)
            {
                // Console colours only on a terminal (on Unix .NET sends them to stdout): redirected output stays plain text.
                var colored = color.HasValue && !Console.IsOutputRedirected && !(writer == Console.Error && Console.IsErrorRedirected);
                if (colored)
                {
                    Console.ForegroundColor = color!.Value;
                }
                try
                {
                    // The engine's own escape codes (table headers, error views) are dropped: the output stays plain
                    // text in a log file or an old Windows console, and colour comes from whole lines above.
                    writer.Write(GetOutputString(text, supportsVirtualTerminal: false));
                    writer.Flush();
                }
                finally
                {
                    if (colored)
                    {
                        Console.ResetColor();
                    }
                }
            }
        }
    }
}
