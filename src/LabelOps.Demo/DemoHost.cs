using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace LabelOps.Demo
{
    /// <summary>
    /// The smallest PowerShell host that shows a script's output the way pwsh would: the engine formats objects
    /// (Out-Default, with the module's format files) and hands lines to <see cref="DemoHostUserInterface"/>.
    /// </summary>
    internal sealed class DemoHost : PSHost
    {
        private readonly DemoHostUserInterface _ui = new DemoHostUserInterface();

        public override string Name => "LabelOps.Demo";

        public override Version Version { get; } = typeof(DemoHost).Assembly.GetName().Version ?? new Version(0, 1);

        public override Guid InstanceId { get; } = Guid.NewGuid();

        public override PSHostUserInterface UI => _ui;

        public DemoHostUserInterface DemoUI => _ui;

        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

        /// <summary>
        /// Only a top-level <c>exit</c> calls this; the sample runs as a script file, where <c>exit N</c> ends the
        /// script and sets $LASTEXITCODE instead (Program reads that).
        /// </summary>
        public override void SetShouldExit(int exitCode)
        {
        }

        public override void EnterNestedPrompt() => throw DemoRawUserInterface.NotInteractive();

        public override void ExitNestedPrompt() => throw DemoRawUserInterface.NotInteractive();

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }
    }
}
