using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// -SpoolPath (an accepted delivery is on disk before its 200 and leaves only after the pipeline took it; a later run
    /// writes what is left first, marked Redelivered; the duplicate window outlives a run) and the warning a stop gives
    /// about accepted deliveries not written. The kill -9 test, in a real pwsh process, is in the Pester suite (Spool.Tests.ps1).
    /// </summary>
    public sealed partial class ReceiverTests
    {
        /// <summary>
        /// A downstream that holds each delivery until the test lets go, and says when it has one. Start-Sleep, not a .NET
        /// wait: Ctrl+C (PowerShell.Stop) interrupts it, as it interrupts a user's script.
        /// </summary>
        private const string HoldingPipeline = " | ForEach-Object { $entered.Set(); while (-not $letGo.IsSet) { Start-Sleep -Milliseconds 20 }; $_ }";

        private (ManualResetEventSlim Entered, ManualResetEventSlim LetGo) Holds()
        {
            var entered = new ManualResetEventSlim();
            var letGo = new ManualResetEventSlim();
            Shell.SetVariable("entered", entered);
            Shell.SetVariable("letGo", letGo);
            return (entered, letGo);
        }

        private static string[] SpoolFiles(TemporaryFolder spool) => Directory.GetFiles(spool.FullName, "*.delivery");

        [Fact]
        public async Task With_SpoolPath_a_delivery_is_on_disk_for_its_owner_only_before_its_200_and_leaves_when_the_pipeline_took_it()
        {
            using var folder = new TemporaryFolder("spool-");
            var spoolPath = Path.Combine(folder.FullName, "made-by-it");
            var (entered, letGo) = Holds();
            using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -Count 1 -SpoolPath '{spoolPath}'", HoldingPipeline);
            using var client = Client();

            var payload = Payload("kept");
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, receiver.Url, payload)).StatusCode);
            var file = Assert.Single(Directory.GetFiles(spoolPath, "*.delivery"));
            var text = File.ReadAllText(file);
            Assert.EndsWith("\n\n" + payload, text);
            Assert.DoesNotContain(Secret, text);
            Assert.Contains("Path: /***/", text);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(spoolPath));
            }

            // The pipeline has it, and has not finished with it: it stays.
            Assert.True(entered.Wait(TimeSpan.FromSeconds(20)), "The delivery never reached the pipeline.");
            Assert.Single(Directory.GetFiles(spoolPath, "*.delivery"));
            letGo.Set();
            var written = Assert.Single(receiver.WaitForEnd(TimeSpan.FromSeconds(20)));
            Assert.False(written.Property<bool>("Redelivered"));
            Assert.Empty(Directory.GetFiles(spoolPath, "*.delivery"));
            Assert.Empty(Directory.GetFiles(spoolPath, "*.tmp"));
        }

        [Fact]
        public async Task Ctrl_C_with_a_spool_keeps_what_was_not_written_and_the_next_run_writes_it_first_marked_Redelivered_dropping_its_repeats()
        {
            using var spool = new TemporaryFolder("spool-");
            var (entered, letGo) = Holds();
            using (var first = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -SpoolPath '{spool.FullName}'", HoldingPipeline))
            using (var client = Client())
            {
                foreach (var name in new[] { "one", "two", "three" })
                    Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, first.Url, Payload(name))).StatusCode);
                Assert.True(entered.Wait(TimeSpan.FromSeconds(20)), "The first delivery never reached the pipeline.");
                Shell.Host.Capture.Clear();
                first.Stop(); // Ctrl+C while the pipeline holds "one": the stop comes out of WriteObject
                Assert.Empty(first.Output);
            }
            Assert.Contains($"stopped with 3 accepted deliveries not written. They are kept in the spool '{spool.FullName}'", Shell.Host.Capture.Text);
            Assert.Equal(3, SpoolFiles(spool).Length);
            var kept = File.ReadAllText(SpoolFiles(spool).OrderBy(f => f, StringComparer.Ordinal).First());
            var repeat = kept.Substring(kept.IndexOf("\n\n", StringComparison.Ordinal) + 2);
            Assert.Contains("\"one\"", repeat);

            letGo.Set();
            using var second = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -SpoolPath '{spool.FullName}' -Count 4", HoldingPipeline);
            using (var client = Client())
            {
                // A repeat of one kept from the first run is dropped (the duplicate window came with the spool); a new one is written after them.
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, second.Url, repeat)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, second.Url, Payload("four"))).StatusCode);
            }
            var written = second.WaitForEnd(TimeSpan.FromSeconds(30));
            Assert.Equal(new[] { "one", "two", "three", "four" }, written.Select(d => d.Property<string>("ResourceName")));
            Assert.Equal(new[] { true, true, true, false }, written.Select(d => d.Property<bool>("Redelivered")));
            Assert.Contains(second.Verbose, v => v.StartsWith("Dropped a repeated delivery of DatasourceRefreshFailed 'one'", StringComparison.Ordinal));
            Assert.Empty(SpoolFiles(spool));
        }

        [Fact]
        public async Task The_duplicate_window_outlives_a_run_through_the_spool()
        {
            using var spool = new TemporaryFolder("spool-");
            var payload = Payload("once");
            using (var first = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -SpoolPath '{spool.FullName}' -Count 1"))
            using (var client = Client())
            {
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, first.Url, payload)).StatusCode);
                Assert.Single(first.WaitForEnd(TimeSpan.FromSeconds(20)));
            }
            using var second = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -SpoolPath '{spool.FullName}' -Count 1");
            using (var client = Client())
            {
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, second.Url, payload)).StatusCode); // Tableau's duplicate, after a restart
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, second.Url, Payload("next"))).StatusCode);
            }
            Assert.Equal("next", Assert.Single(second.WaitForEnd(TimeSpan.FromSeconds(20))).Property<string>("ResourceName"));
            Assert.Contains(second.Verbose, v => v.StartsWith("Dropped a repeated delivery of DatasourceRefreshFailed 'once'", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Ctrl_C_without_a_spool_warns_with_the_count_of_accepted_deliveries_lost_the_one_in_the_pipeline_included()
        {
            var (entered, _) = Holds();
            using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret}", HoldingPipeline);
            using (var client = Client())
            {
                foreach (var name in new[] { "one", "two", "three" })
                    Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, receiver.Url, Payload(name))).StatusCode);
            }
            Assert.True(entered.Wait(TimeSpan.FromSeconds(20)), "The first delivery never reached the pipeline.");
            Shell.Host.Capture.Clear();
            receiver.Stop();

            Assert.Contains("WARNING: Receive-TableauWebhookEvent stopped with 3 accepted deliveries not written. They were answered 200, so Tableau will not send them again: they are lost. Use -SpoolPath", Shell.Host.Capture.Text);
        }

        [Fact]
        public void A_SpoolPath_that_cannot_be_used_is_refused_before_listening()
        {
            using var folder = new TemporaryFolder("spool-");
            var file = folder.File("a-file");
            File.WriteAllText(file, "not a folder");
            var result = Run("Receive-TableauWebhookEvent -SpoolPath $args[0] -TimeoutSec 5", file);
            var error = result.AssertSingleError("ReceiverSpoolInvalid", ErrorCategory.InvalidArgument);
            Assert.Equal($"-SpoolPath cannot be used: '{file}' is a file, not a folder. Nothing was opened.", error.Exception.Message);
            Assert.DoesNotContain(result.Information, i => i.StartsWith("Listening", StringComparison.Ordinal));

            var below = Run("Receive-TableauWebhookEvent -SpoolPath $args[0] -TimeoutSec 5", Path.Combine(file, "below"));
            below.AssertSingleError("ReceiverSpoolInvalid", ErrorCategory.InvalidArgument);

            // One spool, one receiver: a second one on it would write what the first holds.
            using var running = new Receiver(Shell.Runspace, $"-SpoolPath '{folder.FullName}'");
            using var other = HostedPowerShellForAnotherReceiver();
            var busy = other.Run("Receive-TableauWebhookEvent -SpoolPath $args[0] -TimeoutSec 5", folder.FullName);
            Assert.Contains("Another receiver is using the spool", busy.AssertSingleError("ReceiverSpoolInvalid", ErrorCategory.InvalidArgument).Exception.Message);
        }

        [Fact]
        public async Task A_spool_file_that_is_not_a_delivery_is_set_aside_with_a_warning_and_the_rest_still_come_through()
        {
            using var spool = new TemporaryFolder("spool-");
            var garbage = spool.File("0639321963363807917-0123456789ab.delivery");
            File.WriteAllText(garbage, "not what the receiver writes");
            using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -SpoolPath '{spool.FullName}' -Count 1");
            using (var client = Client())
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, receiver.Url, Payload("after"))).StatusCode);

            Assert.Equal("after", Assert.Single(receiver.WaitForEnd(TimeSpan.FromSeconds(20))).Property<string>("ResourceName"));
            Assert.True(File.Exists(garbage + ".unreadable"), "The unreadable file was not kept, renamed, for a person to look at.");
            Assert.Empty(SpoolFiles(spool));
            Assert.Contains(receiver.Warnings, w => w.StartsWith($"The spool file '{garbage}.unreadable' could not be read as a delivery", StringComparison.Ordinal));
        }

        [Fact]
        public void A_spool_folder_other_users_can_open_is_used_with_a_warning_saying_so()
        {
            if (OperatingSystem.IsWindows()) return; // Unix modes only
            using var folder = new TemporaryFolder("spool-");
            File.SetUnixFileMode(folder.FullName, (UnixFileMode)0x1ED); // 0755
            var result = Run("Receive-TableauWebhookEvent -SpoolPath $args[0] -TimeoutSec 0.1", folder.FullName);
            result.AssertSucceeded();
            Assert.Contains(result.Warnings, w => w.StartsWith($"Other users can open the spool folder '{folder.FullName}' (mode 755).", StringComparison.Ordinal));

            File.SetUnixFileMode(folder.FullName, (UnixFileMode)0x1C0); // 0700
            Assert.Empty(Run("Receive-TableauWebhookEvent -SpoolPath $args[0] -TimeoutSec 0.1", folder.FullName).Warnings);
        }

        private static Hosting.HostedPowerShell HostedPowerShellForAnotherReceiver() => Hosting.HostedPowerShell.WithModule();
    }
}
