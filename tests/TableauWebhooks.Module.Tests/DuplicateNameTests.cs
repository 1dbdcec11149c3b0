using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Issue 21, point 3: a name another webhook of the site has is refused where it would be made, by New-TableauWebhook
    /// and Set-TableauWebhook -NewName (WebhookNameExists, naming the webhook that has it), unless -AllowDuplicateName.
    /// A piped run lists the site once and checks each row against its own earlier rows too, so running the same import
    /// twice creates nothing twice. Before the fix every one of these succeeded and left two webhooks of one name.
    /// </summary>
    public sealed class DuplicateNameTests : ModuleScope
    {
        private const string Rows = @"
$global:rows = @(
    [pscustomobject]@{ Name = 'a'; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + 'a' }
    [pscustomobject]@{ Name = 'b'; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + 'b' }
    [pscustomobject]@{ Name = 'a'; Event = 'WorkbookDeleted'; DestinationUrl = $Receiver + 'a2' }
    [pscustomobject]@{ Name = 'c'; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + 'c' }
)";

        private int Count(Func<TableauServer.Simulator.RequestLogEntry, bool> match, int atLeast, string what)
            => RequestLogWait.Matching(Simulator, match, atLeast, what).Count;

        private static bool IsCreate(TableauServer.Simulator.RequestLogEntry r) => r.Method == "POST" && r.Path.EndsWith("/webhooks", StringComparison.Ordinal);

        private string[] NamesOnServer() => Simulator.State.Webhooks.Select(w => w.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        // Kills: no check at all (the second 'nightly' is created), a check that compares names exactly (' NIGHTLY ' is
        // created), an error that does not name the webhook that has the name, and -AllowDuplicateName that still refuses.
        [Fact]
        public void New_refuses_a_name_the_site_has_in_any_case_naming_its_webhook_and_sends_nothing()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var first = Run("New-TableauWebhook -Name 'nightly' -Event WorkbookCreated -DestinationUrl ($Receiver + 'a')").AssertSucceeded().Output.Single();
            var id = first.Property<Guid>("Id");

            var again = Run("New-TableauWebhook -Name 'nightly' -Event WorkbookDeleted -DestinationUrl ($Receiver + 'b')");
            var error = again.AssertSingleError("WebhookNameExists", ErrorCategory.ResourceExists, "nightly");
            Assert.Empty(again.Output);
            Assert.Equal($"Webhook 'nightly': not created, because the Default site already has a webhook named 'nightly' (id {id}).", error.ToString());
            Assert.Contains($"Set-TableauWebhook -Id {id}", error.ErrorDetails.RecommendedAction);
            Assert.Contains("-AllowDuplicateName", error.ErrorDetails.RecommendedAction);
            Assert.Equal("WebhookNameExists", error.TableauException().Property<string>("ErrorId"));

            var cased = Run("New-TableauWebhook -Name ' NIGHTLY ' -Event WorkbookCreated -DestinationUrl ($Receiver + 'c')");
            Assert.Contains("differ only in case or in spaces around them", cased.AssertSingleError("WebhookNameExists", ErrorCategory.ResourceExists, " NIGHTLY ").ToString());

            Assert.Equal(new[] { "nightly" }, NamesOnServer());
            Assert.Equal(1, Count(IsCreate, 1, "create requests"));

            var lists = Count(RequestLogWait.IsWebhookList, 2, "webhook lists");
            Run("New-TableauWebhook -Name 'nightly' -Event WorkbookCreated -DestinationUrl ($Receiver + 'd') -AllowDuplicateName").AssertSucceeded();
            Assert.Equal(new[] { "nightly", "nightly" }, NamesOnServer());
            // Opting out costs no list of the site.
            Assert.Equal(lists, Count(RequestLogWait.IsWebhookList, lists, "webhook lists"));
        }

        // Kills: a run that forgets its own earlier rows (row 3 doubles 'a'), one that lists the site for every row
        // instead of once, and the re-run that created every row a second time.
        [Theory]
        [InlineData(1)]
        [InlineData(4)]
        public void Running_the_same_import_twice_creates_nothing_twice_and_lists_the_site_once_per_run(int throttleLimit)
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run(Rows).AssertSucceeded();

            var first = Run("$rows | New-TableauWebhook -ThrottleLimit $args[0]", throttleLimit);
            Assert.Equal(new[] { "a", "b", "c" }, first.Output.Select(o => o.Property<string>("Name")));
            var row3 = Assert.Single(first.Errors);
            Assert.StartsWith("WebhookNameExists,", row3.FullyQualifiedErrorId);
            Assert.StartsWith("Webhook 'a': not created, because ", row3.ToString());
            Assert.Equal(new[] { "a", "b", "c" }, NamesOnServer());
            Assert.Equal(1, Count(RequestLogWait.IsWebhookList, 1, "webhook lists"));
            Assert.Equal(3, Count(IsCreate, 3, "create requests"));

            var second = Run("$rows | New-TableauWebhook -ThrottleLimit $args[0]", throttleLimit);
            Assert.Empty(second.Output);
            Assert.Equal(4, second.Errors.Count);
            Assert.All(second.Errors, e => Assert.StartsWith("WebhookNameExists,", e.FullyQualifiedErrorId));
            Assert.Equal(new[] { "a", "b", "a", "c" }, second.Errors.Select(e => ScriptResultAssertions.Unwrap(e.TargetObject)));
            Assert.Equal(new[] { "a", "b", "c" }, NamesOnServer());
            Assert.Equal(2, Count(RequestLogWait.IsWebhookList, 2, "webhook lists"));
            Assert.Equal(3, Count(IsCreate, 3, "create requests"));
        }

        // Kills: Set renaming onto a taken name, a rename to the webhook's own name (in another case) refused as a
        // conflict with itself or with an older duplicate of that name, a -Name selecting several webhooks that gives
        // them all one name, and a second list of the site for the check when -Name has just listed it.
        [Fact]
        public void Set_NewName_refuses_another_webhooks_name_but_not_the_webhooks_own()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run(@"
$global:alpha = New-TableauWebhook -Name 'alpha' -Event WorkbookCreated -DestinationUrl ($Receiver + 'a')
$global:beta = New-TableauWebhook -Name 'beta' -Event WorkbookCreated -DestinationUrl ($Receiver + 'b')
$null = New-TableauWebhook -Name 'x-1' -Event WorkbookCreated -DestinationUrl ($Receiver + 'x1')
$null = New-TableauWebhook -Name 'x-2' -Event WorkbookCreated -DestinationUrl ($Receiver + 'x2')").AssertSucceeded();
            var alphaId = Run("$alpha.Id").Output.Single().BaseObject;
            var betaId = Run("$beta.Id").Output.Single().BaseObject;

            var taken = Run("Set-TableauWebhook -Id $beta.Id -NewName 'Alpha'");
            var error = taken.AssertSingleError("WebhookNameExists", ErrorCategory.ResourceExists, betaId);
            Assert.StartsWith($"Webhook {betaId}: not renamed to 'Alpha', because the Default site already has a webhook named 'alpha' (id {alphaId}).", error.ToString());
            Assert.Equal(0, Simulator.State.RequestLog.Count(r => r.Method == "PUT"));

            Assert.Equal("ALPHA", Run("Get-TableauWebhook -Name alpha | Set-TableauWebhook -NewName 'ALPHA' -PassThru").AssertSucceeded().Output.Single().Property<string>("Name"));

            // Seven lists so far: one per New, one for the refused rename, one each for the piped Get and Set.
            Assert.Equal(7, Count(RequestLogWait.IsWebhookList, 7, "webhook lists"));
            var both = Run("Set-TableauWebhook -Name 'x-*' -NewName 'x' -PassThru");
            // -Name's list serves the name check too.
            Assert.Equal(8, Count(RequestLogWait.IsWebhookList, 8, "webhook lists"));
            Assert.Equal("x", both.Output.Single().Property<string>("Name"));
            var second = both.AssertSingleError("WebhookNameExists", ErrorCategory.ResourceExists);
            var renamedId = both.Output.Single().Property<Guid>("Id");
            Assert.EndsWith($"because the Default site already has a webhook named 'x' (id {renamedId}).", second.ToString());
            Assert.Equal(new[] { "ALPHA", "beta", "x", "x-2" }, NamesOnServer());

            Run("Set-TableauWebhook -Id $beta.Id -NewName 'alpha' -AllowDuplicateName").AssertSucceeded();
            Assert.Equal(new[] { "ALPHA", "alpha", "x", "x-2" }, NamesOnServer());

            // With two of one name already there, each may still be renamed to its own name: that makes no new duplicate.
            Run("Set-TableauWebhook -Id $beta.Id -NewName 'Alpha' -DestinationUrl ($Receiver + 'b2')").AssertSucceeded();
            Assert.Equal(new[] { "ALPHA", "Alpha", "x", "x-2" }, NamesOnServer());
        }

        // Kills: a rename Tableau refused (the webhook was gone) still holding its new name, so that a later webhook of the
        // same command is refused a name no webhook has.
        [Fact]
        public void A_rename_Tableau_refuses_gives_the_name_back_to_later_items()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run(@"
$global:gone = New-TableauWebhook -Name 'gone' -Event WorkbookCreated -DestinationUrl ($Receiver + 'g')
$global:kept = New-TableauWebhook -Name 'kept' -Event WorkbookCreated -DestinationUrl ($Receiver + 'k')
Remove-TableauWebhook -Id $gone.Id").AssertSucceeded();

            var result = Run("@($gone, [string]$kept.Id) | Set-TableauWebhook -NewName 'wanted' -PassThru");

            Assert.StartsWith("WebhookNotFound,", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Equal("wanted", result.Output.Single().Property<string>("Name"));
            Assert.Equal(new[] { "wanted" }, NamesOnServer());
        }

        // Kills: -WhatIf that sends the change, a preview that shows a create the real run would refuse, and a preview
        // that forgets its own earlier rows.
        [Fact]
        public void WhatIf_reads_the_site_sends_no_change_and_shows_the_refusals_the_run_would_meet()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run("$global:taken = New-TableauWebhook -Name 'taken' -Event WorkbookCreated -DestinationUrl ($Receiver + 't')").AssertSucceeded();
            var changesBefore = Simulator.State.RequestLog.Count(RequestLogWait.IsWebhookChange);

            var result = Run(@"
@(
    [pscustomobject]@{ Name = 'taken'; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + '1' }
    [pscustomobject]@{ Name = 'fresh'; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + '2' }
    [pscustomobject]@{ Name = 'Fresh'; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + '3' }
) | New-TableauWebhook -WhatIf
Set-TableauWebhook -Id $taken.Id -NewName 'fresh' -WhatIf");

            Assert.Equal(new[] { "taken", "Fresh" }, result.Errors.Select(e => ScriptResultAssertions.Unwrap(e.TargetObject)));
            Assert.All(result.Errors, e => Assert.StartsWith("WebhookNameExists,", e.FullyQualifiedErrorId));
            Assert.EndsWith("because an earlier row of this command would create a webhook named 'fresh' on the Default site. Names that differ only in case or in spaces around them count as the same name.",
                result.Errors[1].ToString());
            Assert.Contains("\"Create webhook\" on target \"'fresh' (WorkbookCreated", result.HostText);
            Assert.DoesNotContain("'Fresh' (WorkbookCreated", result.HostText);
            Assert.Contains("\"Update webhook (Name = 'fresh')\"", result.HostText);
            Assert.Equal(changesBefore, Simulator.State.RequestLog.Count(RequestLogWait.IsWebhookChange));
            Assert.Equal(new[] { "taken" }, NamesOnServer());
        }

        // Kills: a duplicate check before the client's own validation, which would list the site for a row that is
        // refused anyway and could report a duplicate instead of what is really wrong with the row.
        [Fact]
        public void A_row_the_client_refuses_keeps_its_own_error_and_costs_no_list()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run("New-TableauWebhook -Name 'plain' -Event WorkbookCreated -DestinationUrl 'http://hooks.example.com/x'")
                .AssertSingleError("InsecureDestinationUrl", ErrorCategory.InvalidArgument, "plain");
            Assert.Equal(0, Simulator.State.RequestLog.Count(RequestLogWait.IsWebhookRequest));
        }
    }
}
