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
    /// A PowerShell host that keeps what Out-Default writes, so a test can read the table a user would see. Out-String
    /// (Microsoft.PowerShell.Utility) is not in the hosted engine; Out-Default is, and it renders through the module's
    /// format files into the host, as pwsh's console does. 120 columns wide, like src/LabelOps.Demo.
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
        public string TakeText() => _ui.Take();

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

            public string Take()
            {
                lock (_text)
                {
                    var text = EscapeCodes.Replace(_text.ToString(), string.Empty);
                    _text.Clear();
                    return text;
                }
            }

            public override void Write(string value)
            {
                lock (_text) _text.Append(value);
            }

            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

            public override void WriteLine(string value) => Write(value + "\n");

            public override void WriteErrorLine(string value) => Write(value + "\n");

            public override void WriteDebugLine(string message)
            {
            }

            public override void WriteVerboseLine(string message)
            {
            }

            public override void WriteWarningLine(string message)
            {
            }

            public override void WriteProgress(long sourceId, ProgressRecord record)
            {
            }

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
