using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace TableauWebhooks.Hosting
{
    /// <summary>Records host output as text; answers confirmation prompts with a configurable choice.</summary>
    public sealed class CapturingHostUserInterface : PSHostUserInterface
    {
        private readonly StringBuilder _text = new StringBuilder();
        private readonly object _gate = new object();
        // PowerShell 7 writes colour sequences into formatted output and leaves it to the host to drop them when
        // $PSStyle.OutputRendering or the terminal says so; this host drops them unless asked to keep them.
        private static readonly Regex ColourSequence = new Regex("\u001b\\[[0-9;]*m", RegexOptions.Compiled);
        private readonly bool _echo;
        private readonly bool _colours;

        internal CapturingHostUserInterface(bool echoToConsole, bool colours, int width)
        {
            _echo = echoToConsole;
            _colours = colours;
            RawUI = new FixedSizeRawUserInterface(width);
        }

        public override PSHostRawUserInterface RawUI { get; }

        /// <summary>Label of the choice to pick when a cmdlet asks for confirmation, e.g. "&amp;Yes" or "&amp;No"; null picks the default.</summary>
        public string? ConfirmationAnswer { get; set; }

        public List<string> Prompts { get; } = new List<string>();

        public string Text
        {
            get { lock (_gate) return _text.ToString(); }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _text.Clear();
                Progress.Clear();
            }
        }

        private void Append(string value)
        {
            if (!_colours) value = ColourSequence.Replace(value, "");
            lock (_gate) _text.Append(value);
            if (_echo) Console.Write(value);
        }

        public override void Write(string value) => Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);
        public override void WriteLine(string value) => Append(value + Environment.NewLine);
        public override void WriteErrorLine(string value) => Append(value + Environment.NewLine);
        public override void WriteDebugLine(string message) => Append("DEBUG: " + message + Environment.NewLine);
        public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message + Environment.NewLine);
        public override void WriteWarningLine(string message) => Append("WARNING: " + message + Environment.NewLine);
        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
            lock (_gate) Progress.Add(record);
        }

        /// <summary>Progress records shown since the last Clear.</summary>
        public List<ProgressRecord> Progress { get; } = new List<ProgressRecord>();

        public override string ReadLine() => throw new NotSupportedException("This host cannot read input.");
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("This host cannot read input.");

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
            => throw new NotSupportedException("This host cannot prompt for values: " + caption);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
            => throw new NotSupportedException("This host cannot prompt for credentials.");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
            => throw new NotSupportedException("This host cannot prompt for credentials.");

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add(caption + ": " + message);
            Append(caption + Environment.NewLine + message + Environment.NewLine);
            if (ConfirmationAnswer == null) return defaultChoice;
            for (var i = 0; i < choices.Count; i++)
            {
                if (string.Equals(choices[i].Label, ConfirmationAnswer, StringComparison.OrdinalIgnoreCase)) return i;
            }
            throw new InvalidOperationException($"No choice labelled '{ConfirmationAnswer}' in the prompt '{caption}'.");
        }
    }
}
