using System;
using System.Collections.Generic;

namespace TableauServer.Simulator;

/// <summary>
/// Everything that shapes a simulated server. Bindable from configuration (section "Simulator"),
/// e.g. <c>--Simulator:ProductVersion=2019.4</c>. The default seed is a stable, documented contract.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>Tableau product version; decides restApiVersion (and so which methods and attributes exist).</summary>
    public string ProductVersion { get; set; } = "2025.3.0";

    /// <summary>Build number reported by serverinfo; derived from ProductVersion when null.</summary>
    public string? ProductBuild { get; set; }

    /// <summary>Idle timeout of a session (Tableau's wgserver.session.idle_limit; 240 min on Server).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(240);

    /// <summary>Status of a successful Update Webhook. Tableau's docs say 201; some clients expect 200.</summary>
    public int UpdateWebhookStatusCode { get; set; } = 201;

    /// <summary>
    /// Answer in XML, Tableau's default, whatever the Accept header asks for: what a client sees behind a proxy that
    /// drops Accept, or from a server that ignores it. Request bodies are read in either format as always.
    /// </summary>
    public bool IgnoreAcceptHeader { get; set; }

    public List<SimulatedSite> Sites { get; set; } = new();
    public List<SimulatedUser> Users { get; set; } = new();
    public List<SimulatedAccessToken> PersonalAccessTokens { get; set; } = new();
    public ConnectedAppOptions ConnectedApp { get; set; } = new();

    /// <summary>Where the REST API listens. Port 0 picks a free port.</summary>
    public string ListenUrl { get; set; } = "http://127.0.0.1:0";

    /// <summary>Port of the built-in https webhook receiver; 0 picks a free port.</summary>
    public int ReceiverPort { get; set; }

    /// <summary>Outbound connect timeout (Tableau: webhooks.http.timeout.connect = 5000 ms).</summary>
    public TimeSpan DeliveryConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Outbound read timeout (Tableau: webhooks.http.timeout.read = 3000 ms).</summary>
    public TimeSpan DeliveryReadTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// For tests that are not about delivery timeouts: gives outbound deliveries 30 s to connect and to be answered.
    /// Tableau's 5 s / 3 s, applied to the simulator's own TLS delivery on a busy shared machine, can run out before a
    /// healthy destination on loopback answers, and turn a test of something else into a 408. Tests of the timeouts
    /// themselves set them.
    /// </summary>
    public SimulatorOptions WithPatientDelivery()
    {
        DeliveryConnectTimeout = TimeSpan.FromSeconds(30);
        DeliveryReadTimeout = TimeSpan.FromSeconds(30);
        return this;
    }

    /// <summary>Retries after a failed event delivery (Tableau: "retry the request three times").</summary>
    public int DeliveryRetries { get; set; } = 3;

    /// <summary>
    /// Wait before the first retry; each later retry waits twice the one before (100, 200, 400 ms by default), the
    /// "diminishing frequency" Tableau documents. Tableau's real intervals are undocumented; these are a choice.
    /// </summary>
    public TimeSpan DeliveryRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Certificates (.cer/.crt/.pem: PEM, base64 DER or DER; one certificate per file) that webhook destinations may
    /// present although no trusted CA issued them, e.g. a test's self-signed https listener. Matched by SHA-256 of the
    /// whole certificate; the host name and validity dates must still fit. Bindable:
    /// <c>--Simulator:TrustedCertificateFiles:0=/path/cert.pem</c>. An unreadable file fails at startup.
    /// </summary>
    public List<string> TrustedCertificateFiles { get; set; } = new();

    /// <summary>statusChangeReason written when deliveries keep failing (Tableau's real text is UNVERIFIED).</summary>
    public string AutoDisableReason { get; set; } = "Webhook disabled after 4 failed delivery attempts";

    /// <summary>Fault injection on /api (none by default). Bindable: --Simulator:Faults:FaultRate=0.1.</summary>
    public FaultOptions Faults { get; set; } = new FaultOptions();

    /// <summary>Write ASP.NET Core logs to the console (off by default to keep test output clean).</summary>
    public bool ConsoleLogging { get; set; }

    public static SimulatorOptions CreateDefault() => new()
    {
        Sites =
        {
            new SimulatedSite { Id = "5f3c8a1e-2b4d-4c6e-8f10-a1b2c3d4e5f6", Name = "Default", ContentUrl = "" },
            new SimulatedSite { Id = "9d2e7b40-6a1c-4f3e-b5d8-0c1e2f3a4b5c", Name = "Finance", ContentUrl = "finance" },
        },
        Users =
        {
            new SimulatedUser { Id = "1a96d216-e9b8-497b-a82a-0b899a965e01", Name = "admin", Password = "admin", SiteRole = "ServerAdministrator" },
            new SimulatedUser { Id = "7c4b1f2e-3d5a-4e6b-9c8d-112233445566", Name = "viewer", Password = "viewer", SiteRole = "Viewer" },
            new SimulatedUser
            {
                Id = "b3e1d2c4-5f6a-4b7c-8d9e-665544332211", Name = "siteadmin", Password = "siteadmin",
                SiteRole = "SiteAdministratorCreator", SiteContentUrls = new List<string> { "finance" },
            },
        },
        PersonalAccessTokens =
        {
            new SimulatedAccessToken { Name = "admin-pat", Secret = "admin-pat-secret", UserName = "admin" },
        },
        ConnectedApp = new ConnectedAppOptions(),
    };
}
