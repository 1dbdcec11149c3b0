using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Errors;
using TableauWebhooks.Files;
using TableauWebhooks.Output;
using TableauWebhooks.Receiving;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// Listens for Tableau's webhook deliveries and writes each to the pipeline as it arrives, so a script can run per
    /// event: Receive-TableauWebhookEvent -Port 8443 -Certificate $cert | Where-Object Event -eq DatasourceRefreshFailed.
    /// Answers 200 at once (before the pipeline handles it, so Tableau does not retry), and stops after -Count events,
    /// after -TimeoutSec, or on Ctrl+C. With -SpoolPath the 200 comes after the delivery is on disk, and it stays there
    /// until the pipeline has taken it.
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

        /// <summary>
        /// Keep each accepted delivery in this folder from before it is answered until the pipeline has taken it, so that
        /// nothing acknowledged is lost to Ctrl+C, a kill or a reboot: the next run on the folder writes it first.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SpoolPath { get; set; }

        /// <summary>
        /// The session to name each event's site with (SiteName, SiteContentUrl); without it, the runspace's default session
        /// when one is connected, else none: nothing is then sent anywhere and those properties stay empty.
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public TableauSession? Session { get; set; }

        protected override void EndProcessing()
        {
            CheckWhereToListen();
            _siteSession = SiteSession();
            using (_spool = OpenSpool())
            {
                Receive();
            }
            base.EndProcessing();
        }

        private DeliverySpool? _spool;
        private TableauSession? _siteSession;
        private readonly SiteNameCache _sites = new SiteNameCache();
        private bool _toldSitesUnreadable;
        /// <summary>The delivery being written when a stop came: the pipeline may not have finished with it.</summary>
        private AcceptedDelivery? _inHand;

        private void Receive()
        {
            var secret = AllowAnyPath ? null : SecretPath ?? NewSecret();
            var desk = new DeliveryDesk(secret, TimeSpan.FromSeconds(DuplicateWindowSec), Count > 0 ? Count : (int?)null, _spool);
            var resumed = _spool == null ? 0 : Resume(desk);
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
                AnnounceUrl(listener.Port, secret, resumed);
                try
                {
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
                catch (PipelineStoppedException)
                {
                    // Ctrl+C, or a command after this one stopped the pipeline (Select-Object -First): also when the stop
                    // comes out of WriteObject.
                    desk.Close();
                    WarnOfUnwritten(desk);
                    throw;
                }
            }
        }

        private TableauSession? SiteSession()
        {
            if (Session == null)
            {
                var current = SessionRegistry.ForCurrentRunspace().Current;
                return current != null && current.IsConnected ? current : null;
            }
            if (!Session.IsConnected)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.TableauSessionDisconnected, ErrorCategory.ConnectionError, Session,
                    $"The session {Session} has been disconnected. Run Connect-TableauServer to sign in again. Nothing was opened.",
                    "Connect-TableauServer"));
            }
            return Session;
        }

        /// <summary>
        /// Names the event's site from the session's server, read once (see SiteNameCache) on the pipeline thread. A read that
        /// fails is told once, as a warning, and does not stop the receiver: the event is written without the name. The
        /// session's own site is known without asking (its contentUrl).
        /// </summary>
        private void NameSite(TableauWebhookDelivery delivery)
        {
            var session = _siteSession;
            var siteId = delivery.SiteId;
            if (session == null || string.IsNullOrEmpty(siteId)) return;
            var now = DateTimeOffset.UtcNow;
            if (!_sites.TryGet(siteId!, out var site) && _sites.ShouldAsk(now))
            {
                try
                {
                    _sites.Asked(now, Await(ct => session.Sites.RunAsync(null, (client, token) => client.ListSitesAsync(token), ct)));
                }
                catch (TableauException ex)
                {
                    _sites.Asked(now, null);
                    if (!_toldSitesUnreadable)
                    {
                        _toldSitesUnreadable = true;
                        WriteWarning($"Could not read the sites of {session.Server} to name each event's site, so SiteName stays empty " +
                                     $"(asked again in {SiteNameCache.AskAgainAfter.TotalMinutes} minutes): {ex.Message}");
                    }
                }
                _sites.TryGet(siteId!, out site);
            }
            if (site != null)
            {
                delivery.SiteName = site.Name;
                delivery.SiteContentUrl = site.ContentUrl;
            }
            else if (string.Equals(siteId, session.SiteId, StringComparison.OrdinalIgnoreCase))
            {
                delivery.SiteContentUrl = session.Site;
            }
        }

        private DeliverySpool? OpenSpool()
        {
            if (SpoolPath == null) return null;
            try
            {
                return DeliverySpool.Open(GetUnresolvedProviderPathFromPSPath(SpoolPath), TimeSpan.FromSeconds(DuplicateWindowSec));
            }
            catch (Exception ex) when (ex is SpoolException || ex is ItemNotFoundException || ex is NotSupportedException || ex is ProviderNotFoundException || ex is DriveNotFoundException)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.ReceiverSpoolInvalid, ErrorCategory.InvalidArgument, SpoolPath,
                    $"-SpoolPath cannot be used: {ex.Message} Nothing was opened.",
                    "Give a folder on a local disk that this account can write to (it is created when missing), used by this receiver only."));
                return null;
            }
        }

        // What an earlier run left in the spool goes first; unreadable files are set aside and named.
        private int Resume(DeliveryDesk desk)
        {
            // A folder made before (by hand, say) keeps its mode: its files are 0600 all the same, but others can list them.
            var mode = PrivateFiles.ModeOf(_spool!.Folder);
            if (mode.HasValue && (mode.Value & 0x3F) != 0)
                WriteWarning($"Other users can open the spool folder '{_spool.Folder}' (mode {Convert.ToString(mode.Value, 8)}). Its files are readable by you only, but their names show when deliveries arrived: chmod 700 it.");
            var pending = _spool!.Load(out var written, out var unreadable);
            foreach (var file in unreadable)
                WriteWarning($"The spool file '{file}' could not be read as a delivery, so it was set aside and is not written. Look at it, then delete it.");
            return desk.Resume(pending, written);
        }

        /// <summary>
        /// Writes were refused: the stop is under way. So the count goes straight to the host, as a warning line: those
        /// accepted (answered 200) and not written, the one the pipeline was handling included.
        /// </summary>
        private void WarnOfUnwritten(DeliveryDesk desk)
        {
            var unwritten = desk.Deliveries.Count + (_inHand != null ? 1 : 0);
            if (unwritten == 0) return;
            var count = $"{unwritten} accepted deliver{(unwritten == 1 ? "y" : "ies")}";
            Host?.UI?.WriteWarningLine(_spool == null
                ? $"Receive-TableauWebhookEvent stopped with {count} not written. They were answered 200, so Tableau will not send them again: they are lost. Use -SpoolPath to keep them for the next run."
                : $"Receive-TableauWebhookEvent stopped with {count} not written. They are kept in the spool '{_spool.Folder}' and are written first, marked Redelivered, when a receiver starts on it again.");
        }

        private void WriteAsTheyCome(DeliveryDesk desk)
        {
            var clock = Stopwatch.StartNew();
            var written = 0;
            while (!StopToken.IsCancellationRequested)
            {
                var left = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) - clock.Elapsed : PollInterval;
                if (left <= TimeSpan.Zero) return;
                AcceptedDelivery? delivery;
                try
                {
                    desk.Deliveries.TryTake(out delivery, (int)Math.Ceiling((left < PollInterval ? left : PollInterval).TotalMilliseconds), StopToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                if (delivery == null)
                {
                    WriteNotes(desk);
                    continue;
                }
                Write(delivery, desk);
                if (Count > 0 && ++written >= Count) return;
            }
            throw new PipelineStoppedException();
        }

        private void WriteWhatWasAccepted(DeliveryDesk desk)
        {
            while (desk.Deliveries.TryTake(out var delivery)) Write(delivery, desk);
            WriteNotes(desk);
        }

        /// <summary>
        /// Writes one delivery; only once the pipeline has taken it (WriteObject returned) does it leave the spool. Held as
        /// in hand meanwhile, so a stop out of WriteObject counts it as not written (it stays in the spool).
        /// </summary>
        private void Write(AcceptedDelivery delivery, DeliveryDesk desk)
        {
            _inHand = delivery;
            WriteNotes(desk);
            NameSite(delivery.Delivery);
            WriteObject(delivery.Delivery);
            _inHand = null;
            if (_spool == null) return;
            try
            {
                _spool.Forget(delivery);
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                WriteWarning($"A delivery written to the pipeline could not be removed from the spool, so the next run writes it again: {ex.Message}");
            }
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
        private void AnnounceUrl(int port, string? secret, int resumed)
        {
            var scheme = Certificate == null ? "http" : "https";
            var host = HostName != null ? (HostName.IndexOf(':') >= 0 && !HostName.StartsWith("[", StringComparison.Ordinal) ? $"[{HostName}]" : HostName) : (Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString());
            var url = $"{scheme}://{host}:{port}/{(secret == null ? "" : secret + "/")}";
            var message = $"Listening for Tableau webhook deliveries at {url}" +
                          (Certificate == null ? " (behind a reverse proxy that terminates TLS: Tableau posts only to https)" : "") +
                          (Count > 0 ? $"; stopping after {Count} event{(Count == 1 ? "" : "s")}" : "") +
                          (TimeoutSec > 0 ? $"; stopping after {TimeoutSec} s" : "") + ". Ctrl+C stops." +
                          (_spool == null ? "" : $" Accepted deliveries are kept in the spool '{_spool.Folder}' until written" +
                              (resumed > 0 ? $"; {resumed} left there by an earlier run {(resumed == 1 ? "is" : "are")} written first." : "."));
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
