using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace TableauWebhooks.Hosting
{
    /// <summary>
    /// A PSHost whose UI records everything PowerShell shows (formatted output, -WhatIf lines, warnings, prompts),
    /// optionally echoing it to the console.
    /// </summary>
    public sealed class CapturingHost : PSHost
    {
        private readonly Guid _instanceId = Guid.NewGuid();
        private readonly CapturingHostUserInterface _ui;

        public CapturingHost(bool echoToConsole = false, bool colours = false, int width = 160)
        {
            _ui = new CapturingHostUserInterface(echoToConsole, colours, width);
        }

        public CapturingHostUserInterface Capture => _ui;
        public override PSHostUserInterface UI => _ui;
        public override string Name => "TableauWebhooks.Hosting";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId => _instanceId;
        // en-US as on most admins' machines: Get-Help looks for the module's en-US help folder by this culture.
        public override CultureInfo CurrentCulture { get; } = CultureInfo.GetCultureInfo("en-US");
        public override CultureInfo CurrentUICulture { get; } = CultureInfo.GetCultureInfo("en-US");
        public override void EnterNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported by this host.");
        public override void ExitNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported by this host.");
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }
}
