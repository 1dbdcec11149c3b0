using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using TableauServer.Simulator;
using TableauWebhooks.Hosting;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// The full lifecycle with each sign-in method at -Verbose -Debug, with failures on purpose; then every stream, every
    /// output object (properties and ToString), every error record and every exception is searched for the password,
    /// the token secret, the JWT and every auth token the server issued. None may appear.
    /// </summary>
    public sealed class SecretScanTests : ModuleScope
    {
        private const string Password = "Pw-4f1c9e-never-shown";
        private const string TokenSecret = "PatSecret-93b2d7-never-shown";
        // A mistyped password is a secret too: it is often one character from the real one.
        private const string MistypedPassword = "Pw-4f1c9e-never-showN";

        protected override SimulatorOptions CreateOptions()
        {
            var options = base.CreateOptions();
            options.Users.Add(new SimulatedUser { Name = "scanner", Password = Password, SiteRole = "ServerAdministrator" });
            options.PersonalAccessTokens.Add(new SimulatedAccessToken { Name = "scanner-pat", Secret = TokenSecret, UserName = "scanner" });
            return options;
        }

        public static TheoryData<string> SignInMethods => new TheoryData<string> { "Password", "PersonalAccessToken", "Jwt" };

        [Theory]
        [MemberData(nameof(SignInMethods))]
        public void No_secret_appears_anywhere(string method)
        {
            var jwt = ConnectedAppJwt.Create(Simulator.Options.ConnectedApp, "scanner", TimeSpan.FromMinutes(5));
            Shell.SetVariable("global:Jwt", new NetworkCredential("", jwt).SecurePassword);
            Shell.SetVariable("global:Password", Password);
            Shell.SetVariable("global:TokenSecret", TokenSecret);
            Shell.SetVariable("global:MistypedPassword", MistypedPassword);
            var connect = method switch
            {
                "Password" => "Connect-TableauServer -Server $Server -Credential (New-TestCredential 'scanner' $Password) -PassThru",
                "PersonalAccessToken" => "Connect-TableauServer -Server $Server -PersonalAccessTokenName 'scanner-pat' -PersonalAccessTokenSecret (New-TestSecret $TokenSecret) -PassThru",
                _ => "Connect-TableauServer -Server $Server -Jwt $Jwt -PassThru",
            };
            // Clear the variables holding the secrets before anything is captured, then provoke every kind of output.
            var script = connect + @"
Remove-Variable -Name Password, TokenSecret -Scope Global
$InformationPreference = 'Continue'; $ProgressPreference = 'Continue'
$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $WarningPreference = 'Continue'
Connect-TableauServer -Server $Server -Credential (New-TestCredential 'scanner' $MistypedPassword) -ErrorAction Continue
$w = New-TableauWebhook -Name 'scan' -Event WorkbookCreated -DestinationUrl ($Receiver + 'scan') -Verbose -Debug
$w
$w.GetSession()
New-TableauWebhook -Name 'bad' -Event WorkbookCreated -DestinationUrl 'http://insecure.example.com' -Verbose -Debug
Get-TableauWebhook -Id ([guid]::NewGuid()) -Verbose -Debug
Set-TableauWebhook -Id $w.Id -NewName 'scan-2' -Verbose -Debug
Disable-TableauWebhook -Id $w.Id -Reason 'scan' -PassThru -Verbose -Debug
Enable-TableauWebhook -Id $w.Id -PassThru -Verbose -Debug
New-TableauWebhook -Name 'failing' -Event WorkbookDeleted -DestinationUrl ($Receiver + 'status/500/x') | Test-TableauWebhook -Verbose -Debug
Get-TableauWebhook | Test-TableauWebhook -WhatIf
Get-TableauWebhook | Out-Default
Get-TableauWebhook | Remove-TableauWebhook -Verbose -Debug
& { [CmdletBinding()] param() $PSCmdlet.WriteInformation('scan done', [string[]]@()) }
Disconnect-TableauServer -Verbose -Debug
Get-TableauWebhook";
            // The session expires once mid-run, so a re-sign-in (with the stored secret) happens too, except for JWT.
            if (method != "Jwt") Simulator.EnqueueFault(FaultKind.ExpireToken, "PUT", "/webhooks");

            var result = Run(script);

            var everything = Collect(result).ToList();
            Assert.True(everything.Count > 50, "too little was captured to prove anything");
            Assert.NotEmpty(Simulator.State.IssuedTokens);
            Assert.NotEmpty(result.Progress); // every stream is collected, progress and information included
            Assert.Contains("scan done", result.Information);
            if (method != "Jwt")
                Assert.Contains(result.Verbose, v => v.Contains("401 -> signed in again as scanner with the stored"));
            var secrets = new[] { Password, TokenSecret, MistypedPassword, jwt }.Concat(Simulator.State.IssuedTokens).ToList();
            foreach (var secret in secrets)
            {
                var leaks = everything.Where(text => text.Contains(secret, StringComparison.Ordinal)).ToList();
                Assert.True(leaks.Count == 0, $"A secret ({secret.Length} chars) appeared in: {string.Join(" | ", leaks.Select(l => l.Length > 200 ? l[..200] : l))}");
            }
        }

        private IEnumerable<string> Collect(ScriptResult result)
        {
            yield return result.HostText;
            foreach (var line in result.Verbose.Concat(result.Debug).Concat(result.Warnings).Concat(result.Progress).Concat(result.Information)) yield return line;
            foreach (var obj in result.Output)
                foreach (var text in Describe(obj, depth: 0)) yield return text;
            foreach (var error in result.AllErrors)
            {
                yield return error.ToString();
                yield return error.ErrorDetails?.Message ?? "";
                yield return error.ErrorDetails?.RecommendedAction ?? "";
                yield return error.CategoryInfo.ToString();
                for (var ex = error.Exception; ex != null; ex = ex.InnerException)
                {
                    yield return ex.ToString();
                    foreach (var text in Describe(PSObject.AsPSObject(ex), depth: 1)) yield return text;
                }
                if (error.TargetObject != null)
                    foreach (var text in Describe(PSObject.AsPSObject(error.TargetObject), depth: 1)) yield return text;
            }
        }

        // An object's ToString and every property, one level into nested objects (a webhook's Session).
        private static IEnumerable<string> Describe(PSObject obj, int depth)
        {
            yield return obj.ToString();
            foreach (var property in obj.Properties)
            {
                object? value;
                try { value = property.Value; }
                catch (Exception ex) { value = ex.Message; }
                yield return property.Name + "=" + value;
                if (depth < 1 && value != null && !(value is string) && !(value is IEnumerable) && !value.GetType().IsPrimitive)
                    foreach (var text in Describe(PSObject.AsPSObject(value), depth + 1)) yield return text;
            }
        }
    }
}
