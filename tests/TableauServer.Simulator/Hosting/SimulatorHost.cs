using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using TableauServer.Simulator.Delivery;
using TableauServer.Simulator.Faults;
using TableauServer.Simulator.Hosting;

namespace TableauServer.Simulator;

/// <summary>
/// A running simulated Tableau Server: the REST API on <see cref="BaseUrl"/> and a built-in https webhook
/// receiver on <see cref="ReceiverBaseUrl"/>, both on loopback, with all state in memory.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication api;
    private readonly WebApplication receiver;
    private readonly WebhookSender sender;

    private SimulatorHost(WebApplication api, WebApplication receiver, WebhookSender sender, SimulatorRuntime runtime, Uri baseUrl)
    {
        this.api = api;
        this.receiver = receiver;
        this.sender = sender;
        Options = runtime.Options;
        State = runtime.State;
        BaseUrl = baseUrl;
        ReceiverBaseUrl = runtime.ReceiverBaseUrl;
        RestApiVersion = runtime.RestApiVersion.ToString();
    }

    /// <summary>e.g. http://127.0.0.1:41234/ (trailing slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>e.g. https://127.0.0.1:41235/hooks/ — a valid https webhook destination.</summary>
    public Uri ReceiverBaseUrl { get; }

    public SimulatorOptions Options { get; }
    public SimulatorState State { get; }

    /// <summary>The restApiVersion the server reports, e.g. "3.27".</summary>
    public string RestApiVersion { get; }

    /// <summary>Replaces the running fault configuration (a copy is taken; thread-safe). Queued faults stay queued.</summary>
    public void SetFaults(FaultOptions faults) => State.FaultInjector.Set(faults);

    /// <summary>No faults: an empty configuration and an empty queue (<c>DELETE /_simulator/faults</c>).</summary>
    public void ClearFaults() => State.FaultInjector.Clear();

    /// <summary>
    /// One-shot: the next /api request matching <paramref name="method"/> (case-insensitive, null = any) and
    /// <paramref name="pathContains"/> (case-insensitive, null = any) gets <paramref name="kind"/>. Queued faults are
    /// consumed in order and take precedence over random ones. <paramref name="delay"/> is for <see cref="FaultKind.Latency"/>.
    /// </summary>
    public void EnqueueFault(FaultKind kind, string? method = null, string? pathContains = null, TimeSpan? delay = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault kind.");
        }

        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "The delay must not be negative.");
        }

        State.FaultInjector.Enqueue(new QueuedFault(kind, method, pathContains, delay));
    }

    /// <summary>As if someone signed in with that personal access token elsewhere: its current session ends (→ 401002 on next use).</summary>
    public void SignInElsewhere(string personalAccessTokenName)
    {
        if (State.FindAccessToken(personalAccessTokenName) is null)
        {
            throw new ArgumentException($"No personal access token '{personalAccessTokenName}'.", nameof(personalAccessTokenName));
        }

        State.Sessions.EndForAccessToken(personalAccessTokenName);
    }

    /// <summary>
    /// Lets webhook destinations present <paramref name="certificate"/> (e.g. a test's self-signed https listener) as if a
    /// trusted CA had issued it; the host name and validity dates must still fit. Returns its SHA-256 thumbprint
    /// (upper-case hex). Same as <c>POST /_simulator/trusted-certificates</c>.
    /// </summary>
    public string TrustCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return State.TrustedCertificates.Trust(certificate);
    }

    /// <summary>Trusts no destination certificate but the receiver's own (<c>DELETE /_simulator/trusted-certificates</c>).</summary>
    public void ClearTrustedCertificates() => State.TrustedCertificates.Clear();

    /// <summary>
    /// Starts the simulator. An unknown <see cref="SimulatorOptions.ProductVersion"/> or an unreadable
    /// <see cref="SimulatorOptions.TrustedCertificateFiles"/> entry fails here (<see cref="ArgumentException"/>).
    /// <paramref name="cancellationToken"/> abandons the start at its next step (<see cref="OperationCanceledException"/>),
    /// with whatever had started stopped again: the simulator process stops this way on a signal during start-up.
    /// </summary>
    public static async Task<SimulatorHost> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= SimulatorOptions.CreateDefault();
        var restApiVersion = ProductVersionTable.ResolveRestApiVersion(options.ProductVersion);
        var state = new SimulatorState(options);
        cancellationToken.ThrowIfCancellationRequested();
        var certificate = ReceiverCertificate.Create();
        cancellationToken.ThrowIfCancellationRequested();

        var receiver = ReceiverApplication.Build(options, state, certificate);
        var sender = new WebhookSender(options, new DestinationCertificatePolicy(certificate, state.TrustedCertificates));
        WebApplication? api = null;
        try
        {
            await receiver.StartAsync(cancellationToken);
            var runtime = new SimulatorRuntime(options, restApiVersion, state, sender, new Uri(ServerAddresses.First(receiver), "hooks/"),
                TrustedCertificateStore.ThumbprintOf(certificate));
            api = ApiApplication.Build(runtime, certificate);
            await api.StartAsync(cancellationToken);
            return new SimulatorHost(api, receiver, sender, runtime, ServerAddresses.First(api));
        }
        catch
        {
            sender.Dispose();
            if (api is not null)
            {
                await StopAsync(api);
            }

            await StopAsync(receiver);
            throw;
        }
    }

    /// <summary>
    /// Stops both servers. Requests still running after a short grace period (an event delivery waiting between its
    /// attempts, a slow fault) are abandoned: their connections are aborted and their deliveries cancelled, so a stop
    /// never waits on a destination.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(api);
        sender.Dispose();
        await StopAsync(receiver);
    }

    private static async Task StopAsync(WebApplication application)
    {
        using (var grace = new CancellationTokenSource(StopGracePeriod))
        {
            await application.StopAsync(grace.Token);
        }

        await application.DisposeAsync();
    }

    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(1);
}
