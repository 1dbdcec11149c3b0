using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using TableauWebhooks.Client;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Http;
using TableauWebhooks.Completion;
using TableauWebhooks.Errors;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Commands
{
    /// <summary>Signs in to a Tableau site and makes the session the runspace's current one.</summary>
    [Cmdlet(VerbsCommunications.Connect, "TableauServer", DefaultParameterSetName = CredentialSet)]
    [OutputType(typeof(TableauSession))]
    public sealed class ConnectTableauServerCommand : TableauCmdlet
    {
        private const string CredentialSet = "Credential";
        private const string TokenSet = "PersonalAccessToken";
        private const string JwtSet = "Jwt";

        /// <summary>
        /// The server root, e.g. https://tableau.example.com or https://10ax.online.tableau.com (a reverse proxy's path
        /// kept), or a site's address from the browser (/#/site/contentUrl/...), which also gives the site.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Server { get; set; } = "";

        /// <summary>The site's contentUrl (as in /#/site/contentUrl/); omit for the Default site or the site of a browser address.</summary>
        [Parameter]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(SiteCompleter))]
        public string Site { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        [ValidateNotNullOrEmpty]
        public string PersonalAccessTokenName { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        [ValidateNotNull]
        public SecureString? PersonalAccessTokenSecret { get; set; }

        /// <summary>A connected-app JSON Web Token (Tableau Server 2022.3+ / API 3.17+).</summary>
        [Parameter(Mandatory = true, ParameterSetName = JwtSet)]
        [ValidateNotNull]
        public SecureString? Jwt { get; set; }

        /// <summary>The REST API version to use; by default the highest both the server and the module support.</summary>
        [Parameter]
        [ValidateNotNull]
        public Version? ApiVersion { get; set; }

        /// <summary>Seconds to wait for each request before giving up.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>Accept the server's certificate without validation, for this session only.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>
        /// Send the password, token or JWT over plain http to another machine (as Invoke-RestMethod's switch of that name).
        /// Without it only https, or http to this machine (localhost, 127.0.0.0/8, ::1), carries them.
        /// </summary>
        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        /// <summary>How many times a request that is safe to repeat is retried after throttling, 502/503/504, a timeout or a dropped connection.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaximumRetryCount { get; set; } = 4;

        /// <summary>Base of the exponential backoff between retries, in seconds (a server's Retry-After takes precedence).</summary>
        [Parameter]
        [ValidateRange(0.0, 60.0)]
        public double RetryIntervalSec { get; set; } = 1;

        /// <summary>A proxy for this session instead of the system proxy.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        [Parameter]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Authenticate to the proxy as the current user (Windows integrated authentication).</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>Connect directly, ignoring the system proxy.</summary>
        [Parameter]
        public SwitchParameter NoProxy { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Keep the runspace's default session as it is; use the new one through -Session (with -PassThru).</summary>
        [Parameter]
        public SwitchParameter NotDefault { get; set; }

        protected override void ProcessRecord()
        {
            CheckProxyParameters();
            var location = ParseServerAddress(Server);
            var site = SiteToSignInTo(location);
            var credential = BuildCredential();
            var options = new TableauClientOptions
            {
                ServerUrl = location.Root,
                SiteContentUrl = site,
                ApiVersion = ApiVersion,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                SkipCertificateCheck = SkipCertificateCheck.IsPresent,
                MaxRetries = MaximumRetryCount,
                RetryBaseDelay = TimeSpan.FromSeconds(RetryIntervalSec),
                NoProxy = NoProxy.IsPresent,
                Proxy = Proxy == null ? null : new WebProxy(Proxy),
                // NetworkCredential built from the SecureString keeps the password out of managed strings.
                ProxyCredentials = ProxyCredential?.GetNetworkCredential(),
                ProxyUseDefaultCredentials = ProxyUseDefaultCredentials.IsPresent,
                AllowUnencryptedAuthentication = AllowUnencryptedAuthentication.IsPresent,
                Trace = CommandTrace.Write,
            };

            TableauRestClient client;
            try
            {
                client = Await(ct => TableauRestClient.SignInAsync(options, credential, ct));
            }
            catch (TableauException ex)
            {
                // Nothing can go on without a session: this is terminating.
                ThrowTerminatingError(ErrorRecordFactory.FromTableau(ex, Server));
                return;
            }

            // Once per session: its later requests (re-sign-in, site switch, sign-out) go the same way without a word.
            if (client.SendsCredentialsUnencrypted)
                WriteWarning($"The {credential.SecretName} and this session's token go to {client.ServerUrl.GetLeftPart(UriPartial.Authority)} " +
                             "over plain http (-AllowUnencryptedAuthentication): anyone on the network path can read them.");

            var registry = SessionRegistry.ForCurrentRunspace();
            var session = new TableauSession(client, registry);
            registry.Add(session, makeCurrent: !NotDefault);
            WriteVerbose($"Connected: {session}.");
            if (PassThru) WriteObject(session);
        }

        private void CheckProxyParameters()
        {
            var proxySettings = Proxy != null || ProxyCredential != null || ProxyUseDefaultCredentials.IsPresent;
            if (NoProxy && proxySettings)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.ProxyParametersConflict, ErrorCategory.InvalidArgument, Server,
                    "-NoProxy connects directly, so it cannot be combined with -Proxy, -ProxyCredential or -ProxyUseDefaultCredentials."));
            }
            if (ProxyCredential != null && ProxyUseDefaultCredentials)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.ProxyParametersConflict, ErrorCategory.InvalidArgument, Server,
                    "Give either -ProxyCredential or -ProxyUseDefaultCredentials, not both."));
            }
        }

        private TableauSignInCredential BuildCredential()
        {
            switch (ParameterSetName)
            {
                case TokenSet: return new PersonalAccessTokenCredential(PersonalAccessTokenName, PersonalAccessTokenSecret!);
                case JwtSet: return new JwtCredential(Jwt!);
                default:
                    CheckCredential();
                    return new PasswordCredential(StripDomainSeparator(Credential.UserName), Credential.Password);
            }
        }

        // Get-Credential on Windows may prefix "\" when no domain was typed; Tableau user names never start with it.
        private static string StripDomainSeparator(string userName) => userName.StartsWith("\\", StringComparison.Ordinal) ? userName.Substring(1) : userName;

        /// <summary>
        /// [pscredential]::Empty (a wrapper function's usual default, which PowerShell binds to a mandatory parameter) has
        /// neither a user name nor a password; a credential with an empty password cannot sign anyone in. Both end the
        /// command before anything is sent.
        /// </summary>
        private void CheckCredential()
        {
            var userName = Credential?.UserName == null ? "" : StripDomainSeparator(Credential.UserName);
            if (userName.Length == 0 || Credential!.Password == null)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.EmptyCredential, ErrorCategory.InvalidArgument, null,
                    "The credential has no user name or no password. [pscredential]::Empty is such a credential: it is what a wrapper function passes on when its caller gave none.",
                    "Pass the Tableau user's name and password, for example -Credential (Get-Credential), or sign in with -PersonalAccessTokenName and -PersonalAccessTokenSecret."));
            }
            if (Credential!.Password!.Length == 0)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.EmptyCredential, ErrorCategory.InvalidArgument, userName,
                    $"The credential for '{userName}' has an empty password; Tableau signs no one in without one.",
                    $"Pass the user's password, for example -Credential (Get-Credential -UserName '{userName}'), or sign in with -PersonalAccessTokenName and -PersonalAccessTokenSecret."));
            }
        }

        /// <summary>The server root and the site of the address, checked by the client's one address check; a refusal ends the command.</summary>
        private ServerLocation ParseServerAddress(string server)
        {
            try
            {
                return ServerAddress.Parse(server);
            }
            catch (TableauException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.FromTableau(ex, server));
                return null!;
            }
        }

        /// <summary>-Site, else the site an address copied from the browser names, else the Default site; -Verbose says which the address chose.</summary>
        private string SiteToSignInTo(ServerLocation location)
        {
            var requested = MyInvocation.BoundParameters.ContainsKey(nameof(Site)) ? Site ?? "" : null;
            string site;
            try
            {
                site = location.SiteToSignInTo(requested);
            }
            catch (TableauException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.FromTableau(ex, Server));
                return null!;
            }
            if (location.SiteContentUrl != null)
                WriteVerbose($"The address names {ServerAddress.DescribeSite(location.SiteContentUrl)}: signing in to {ServerAddress.DescribeSite(site)} on {ServerAddress.Display(location.Root)}.");
            return site;
        }
    }
}
