using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Errors;
using TableauWebhooks.Output;
using TableauWebhooks.Receiving;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// Listens for Tableau's webhook deliveries and writes each to the pipeline as it arrives, so a script can run per
    /// event: Receive-TableauWebhookEvent -Port 8443 -Certificate $cert | Where-Object Event -eq DatasourceRefreshFailed.
    /// Answers 200 at once (before the pipeline handles it, so Tableau does not retry), and stops after -Count events,
    /// after -TimeoutSec, or on Ctrl+C.
    /// </summary>
    [Cmdlet(VerbsCommunications.Receive, "TableauWebhookEvent")]
    [OutputType(typeof(TableauWebhookDelivery))]
    public sealed class ReceiveTableauWebhookEventCommand : TableauCmdlet
    {
        /// <summary>The shortest -SecretPath: 16 characters of base64url are 96 bits, more than anyone can guess.</summary>
        internal const int MinimumSecretLength = 16;
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

        /// <summary>The TCP port to listen on; 0 lets the system choose (the URL shows which).</summary>
        [Parameter(Position = 0)]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>The local address to listen on. Plain http is served on a loopback address only.</summary>
        [Parameter]
        [ValidateNotNull]
        public IPAddress Address { get; set; } = IPAddress.Loopback;

        /// <summary>Serve https with this certificate (with its private key); without it, http on loopback.</summary>
        [Parameter]
        [ValidateNotNull]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>The host name senders use to reach this receiver (as in the webhook's URL): shown in the URL, and checked against -Certificate's names.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? HostName { get; set; }

        /// <summary>The path segment that must begin the URL; default: a new random one, shown when listening starts.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SecretPath { get; set; }

        /// <summary>Accept deliveries on any path (for a reverse proxy that already checks them). Not recommended.</summary>
        [Parameter]
        public SwitchParameter AllowAnyPath { get; set; }

        /// <summary>Stop after writing this many events.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; }

        /// <summary>Stop after this many seconds; the deliveries already accepted are still written.</summary>
        [Parameter]
        [ValidateRange(0.001, int.MaxValue)]
        public double TimeoutSec { get; set; }

        /// <summary>Larger bodies are refused (413). Tableau's payloads are a few hundred bytes.</summary>
        [Parameter]
        [ValidateRange(256, 16 * 1024 * 1024)]
        public int MaximumBodyBytes { get; set; } = 64 * 1024;

        /// <summary>Open connections at once; at the limit, the oldest that has not sent its whole request head is closed for a new one.</summary>
        [Parameter]
        [ValidateRange(1, 100_000)]
        public int MaximumConnections { get; set; } = ReceiverLimits.MaxConnections;

        /// <summary>A payload identical to one accepted this many seconds ago or less is answered 200 and dropped; 0 keeps every one.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int DuplicateWindowSec { get; set; } = 600;

        protected override void EndProcessing()
        {
            CheckWhereToListen();
            var secret = AllowAnyPath ? null : SecretPath ?? NewSecret();
            var desk = new DeliveryDesk(secret, TimeSpan.FromSeconds(DuplicateWindowSec), Count > 0 ? Count : (int?)null);
            using (var listener = new WebhookListener(Address, Port, Certificate, MaximumBodyBytes, desk.Handle, desk.Notes.Enqueue, MaximumConnections, secret))
            {
                try
                {
                    listener.Start();
                }
                catch (SocketException ex)
                {
                    ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.ReceiverCannotListen, ErrorCategory.ResourceUnavailable, Port,
                        $"Cannot listen on {Address} port {Port}: {ex.Message}", "Choose another -Port, or stop what listens there."));
                }
                AnnounceUrl(listener.Port, secret);
                try
                {
                    WriteAsTheyCome(desk);
                }
                finally
                {
                    // Answer 503 from now on (Tableau retries later), then write what was accepted before.
                    desk.Close();
                    listener.Stop();
                }
                WriteWhatWasAccepted(desk);
            }
            base.EndProcessing();
        }

        private void WriteAsTheyCome(DeliveryDesk desk)
        {
            var clock = Stopwatch.StartNew();
            var written = 0;
            while (!StopToken.IsCancellationRequested)
            {
                var left = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) - clock.Elapsed : PollInterval;
                if (left <= TimeSpan.Zero) return;
                TableauWebhookDelivery? delivery;
                try
                {
                    desk.Deliveries.TryTake(out delivery, (int)Math.Ceiling((left < PollInterval ? left : PollInterval).TotalMilliseconds), StopToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                WriteNotes(desk);
                if (delivery == null) continue;
                WriteObject(delivery);
                if (Count > 0 && ++written >= Count) return;
            }
            // Ctrl+C: writes are refused now, so say on the host what was accepted and not written.
            var unwritten = desk.Deliveries.Count;
            if (unwritten > 0)
                Host?.UI?.WriteWarningLine($"Receive-TableauWebhookEvent stopped with {unwritten} accepted deliver{(unwritten == 1 ? "y" : "ies")} not written.");
            throw new PipelineStoppedException();
        }

        private void WriteWhatWasAccepted(DeliveryDesk desk)
        {
            while (desk.Deliveries.TryTake(out var delivery)) WriteObject(delivery);
            WriteNotes(desk);
        }

        private void WriteNotes(DeliveryDesk desk)
        {
            while (desk.Notes.TryDequeue(out var note)) WriteVerbose(note);
        }

        // Tableau delivers only to https with a valid certificate, so plain http is for a reverse proxy on this machine
        // that terminates TLS; anything else would expose deliveries unencrypted.
        private void CheckWhereToListen()
        {
            if (Certificate == null && !IPAddress.IsLoopback(Address))
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.ReceiverNeedsTls, ErrorCategory.InvalidArgument, Address,
                    $"Plain http is served on a loopback address only, and {Address} is not one. Nothing was opened.",
                    "Give -Certificate to serve https on that address, or listen on 127.0.0.1 behind a reverse proxy that terminates TLS."));
            }
            if (Certificate != null) CheckCertificate(Certificate);
            if (SecretPath != null && (SecretPath.Trim('/').Length < MinimumSecretLength || SecretPath.Trim('/').IndexOf('/') >= 0))
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.ReceiverPathTooShort, ErrorCategory.InvalidArgument, null,
                    $"-SecretPath must be one path segment of at least {MinimumSecretLength} characters, so that nobody can guess it.",
                    "Leave it out to get a random one, or make one with [Convert]::ToBase64String((1..24 | ForEach-Object { Get-Random -Maximum 256 })).Replace('+','-').Replace('/','_')."));
            }
            if (AllowAnyPath) WriteWarning("-AllowAnyPath: anyone who can reach this port can post events. Tableau signs nothing.");
        }

        // Tableau posts only to a certificate it accepts: one out of its dates, or without its key, would serve nobody.
        private void CheckCertificate(X509Certificate2 certificate)
        {
            var problem = CertificateCheck.Problem(certificate, DateTime.UtcNow);
            if (problem != null)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.ReceiverCertificateInvalid, ErrorCategory.InvalidArgument, certificate.Subject,
                    problem + " Nothing was opened.",
                    certificate.HasPrivateKey
                        ? "Give a certificate valid today (check NotBefore and NotAfter), for the name Tableau posts to."
                        : "Load it from a .pfx with its password, or from a certificate store entry that has its key."));
            }
            if (HostName != null && !CertificateCheck.Covers(certificate, HostName))
            {
                WriteWarning($"The certificate '{certificate.Subject}' is not for '{HostName}' (it is for: {string.Join(", ", CertificateCheck.Names(certificate))}). " +
                             "Tableau refuses a certificate whose names do not include the host in the webhook's URL, so deliveries to that URL would fail.");
            }
        }

        // The URL holds the secret, so it is shown once, on the host (as Write-Host shows text), and nowhere else.
        private void AnnounceUrl(int port, string? secret)
        {
            var scheme = Certificate == null ? "http" : "https";
            var host = HostName != null ? (HostName.IndexOf(':') >= 0 && !HostName.StartsWith("[", StringComparison.Ordinal) ? $"[{HostName}]" : HostName) : (Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString());
            var url = $"{scheme}://{host}:{port}/{(secret == null ? "" : secret + "/")}";
            var message = $"Listening for Tableau webhook deliveries at {url}" +
                          (Certificate == null ? " (behind a reverse proxy that terminates TLS: Tableau posts only to https)" : "") +
                          (Count > 0 ? $"; stopping after {Count} event{(Count == 1 ? "" : "s")}" : "") +
                          (TimeoutSec > 0 ? $"; stopping after {TimeoutSec} s" : "") + ". Ctrl+C stops.";
            WriteInformation(new HostInformationMessage { Message = message }, new[] { "PSHOST" });
        }

        private static string NewSecret()
        {
            var bytes = new byte[24];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(bytes);
            return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        }
    }
}
