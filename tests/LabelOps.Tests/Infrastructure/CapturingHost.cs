using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace LabelOps.Tests.Infrastructure
{
    /// <summary>
    /// A PowerShell host that keeps everything the engine shows a user as text: Out-Default's tables and lists (rendered
    /// through the module's format files, as pwsh's console does; Out-String is not in the hosted engine), and the error,
    /// warning, verbose, debug and progress lines, which is also what a transcript records. 120 columns wide, like
    /// src/LabelOps.Demo. Never prompts.
    /// </summary>
    public sealed class CapturingHost : PSHost
    {
        private readonly CapturingUserInterface _ui = new CapturingUserInterface();

        public override string Name => "LabelOps.Tests";

        public override Version Version { get; } = new Version(1, 0);

        public override Guid InstanceId { get; } = Guid.NewGuid();

        public override PSHostUserInterface UI => _ui;

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

        /// <summary>Everything written so far, without escape codes, then cleared.</summary>
        public string TakeText() => _ui.Take(clear: true);

        /// <summary>Everything written since the last <see cref="TakeText"/>, without escape codes.</summary>
        public string Text => _ui.Take(clear: false);

        public override void SetShouldExit(int exitCode)
        {
        }

        public override void EnterNestedPrompt() => throw new NotSupportedException();

        public override void ExitNestedPrompt() => throw new NotSupportedException();

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }

        private sealed class CapturingUserInterface : PSHostUserInterface
        {
            private static readonly Regex EscapeCodes = new Regex("\u001b\\[[0-9;?]*[A-Za-z]", RegexOptions.Compiled);
            private readonly StringBuilder _text = new StringBuilder();
            private readonly CapturingRawUserInterface _raw = new CapturingRawUserInterface();

            public override PSHostRawUserInterface RawUI => _raw;

            public string Take(bool clear)
            {
                lock (_text)
                {
                    var text = EscapeCodes.Replace(_text.ToString(), string.Empty);
                    if (clear) _text.Clear();
                    return text;
                }
            }

            public override void Write(string value)
            {
                lock (_text) _text.Append(value);
            }

            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

            public override void WriteLine(string value) => Write(value + "\n");

            public override void WriteErrorLine(string value) => Write("ERROR: " + value + "\n");

            public override void WriteWarningLine(string message) => Write("WARNING: " + message + "\n");

            public override void WriteVerboseLine(string message) => Write("VERBOSE: " + message + "\n");

            public override void WriteDebugLine(string message) => Write("DEBUG: " + message + "\n");

            public override void WriteProgress(long sourceId, ProgressRecord record) => Write("PROGRESS: " + record.Activity + " " + record.StatusDescription + "\n");

            public override string ReadLine() => throw new NotSupportedException();

            public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();

            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();

            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException();

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
                throw new NotSupportedException();
        }

        private sealed class CapturingRawUserInterface : PSHostRawUserInterface
        {
            private const int Width = 120;

            public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

            public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

            public override Size BufferSize { get => new Size(Width, short.MaxValue); set { } }

            public override Size WindowSize { get => new Size(Width, 50); set { } }

            public override Size MaxWindowSize => WindowSize;

            public override Size MaxPhysicalWindowSize => WindowSize;

            public override Coordinates CursorPosition { get => new Coordinates(0, 0); set { } }

            public override Coordinates WindowPosition { get => new Coordinates(0, 0); set { } }

            public override int CursorSize { get => 25; set { } }

            public override string WindowTitle { get; set; } = "LabelOps tests";

            public override bool KeyAvailable => false;

            public override void FlushInputBuffer()
            {
            }

            public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();

            public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

            public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();

            public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();

            public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();
        }
    }
}
