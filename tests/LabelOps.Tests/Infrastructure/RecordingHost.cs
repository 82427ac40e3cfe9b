using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace LabelOps.Tests.Infrastructure
{
    /// <summary>
    /// A PowerShell host that keeps everything the engine shows a user (Out-Default's formatted tables and lists,
    /// error, warning, verbose and debug lines) as text, which is also what a transcript of the session records.
    /// Never prompts.
    /// </summary>
    public sealed class RecordingHost : PSHost
    {
        private readonly RecordingUserInterface _ui = new RecordingUserInterface();

        public override string Name => "LabelOps.Tests.RecordingHost";

        public override Version Version { get; } = new Version(1, 0);

        public override Guid InstanceId { get; } = Guid.NewGuid();

        public override PSHostUserInterface UI => _ui;

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

        /// <summary>Everything written to the host so far.</summary>
        public string Text
        {
            get { lock (_ui.Lines) return _ui.Lines.ToString(); }
        }

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

        private sealed class RecordingUserInterface : PSHostUserInterface
        {
            private readonly RawInterface _raw = new RawInterface();

            public StringBuilder Lines { get; } = new StringBuilder();

            public override PSHostRawUserInterface RawUI => _raw;

            private void Add(string text)
            {
                lock (Lines) Lines.Append(text);
            }

            public override void Write(string value) => Add(value);

            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Add(value);

            public override void WriteLine(string value) => Add(value + "\n");

            public override void WriteErrorLine(string value) => Add("ERROR: " + value + "\n");

            public override void WriteWarningLine(string message) => Add("WARNING: " + message + "\n");

            public override void WriteVerboseLine(string message) => Add("VERBOSE: " + message + "\n");

            public override void WriteDebugLine(string message) => Add("DEBUG: " + message + "\n");

            public override void WriteProgress(long sourceId, ProgressRecord record) => Add("PROGRESS: " + record.Activity + " " + record.StatusDescription + "\n");

            public override string ReadLine() => throw new NotSupportedException();

            public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();

            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();

            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException();

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
                throw new NotSupportedException();
        }

        private sealed class RawInterface : PSHostRawUserInterface
        {
            public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

            public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

            public override Size BufferSize { get => new Size(200, short.MaxValue); set { } }

            public override Size WindowSize { get => new Size(200, 50); set { } }

            public override Size MaxWindowSize => WindowSize;

            public override Size MaxPhysicalWindowSize => WindowSize;

            public override Coordinates CursorPosition { get; set; }

            public override Coordinates WindowPosition { get; set; }

            public override int CursorSize { get; set; } = 25;

            public override string WindowTitle { get; set; } = string.Empty;

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
