using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauServer.Simulator.Delivery;
using TableauServer.Simulator.Faults;
using TableauServer.Simulator.State;

namespace TableauServer.Simulator;

/// <summary>
/// The simulated server's memory. Public members return thread-safe snapshots for test assertions;
/// sites, users and tokens come from <see cref="SimulatorOptions"/> and never change.
/// </summary>
public sealed class SimulatorState
{
    private readonly SimulatorOptions options;
    private readonly AppendOnlyLog<ReceivedDelivery> deliveries = new();
    private readonly AppendOnlyLog<RequestLogEntry> requests = new();

    internal SimulatorState(SimulatorOptions options)
    {
        this.options = options;
        Sessions = new SessionStore(options.SessionLifetime);
        FaultInjector = new FaultInjector(options.Faults ?? new FaultOptions());
        TrustedCertificates = TrustedCertificateStore.FromFiles(options.TrustedCertificateFiles ?? new());
    }

    public IReadOnlyList<SimulatedSite> Sites => options.Sites;
    public IReadOnlyList<SimulatedUser> Users => options.Users;

    /// <summary>Every webhook on every site, in creation order.</summary>
    public IReadOnlyList<WebhookSnapshot> Webhooks => WebhookStore.All();

    /// <summary>
    /// Deliveries the built-in receiver answered (successful or with a failure status), each recorded before its answer
    /// is sent, so a sender that has the answer finds it here.
    /// </summary>
    public IReadOnlyList<ReceivedDelivery> Deliveries => deliveries.Snapshot();

    /// <summary>
    /// REST calls under /api, without header values or bodies. Each is logged before the client can see how it ended
    /// (as its answer starts, or just before its connection is dropped); only a client that gave up first can be ahead.
    /// </summary>
    public IReadOnlyList<RequestLogEntry> RequestLog => requests.Snapshot();

    public int ActiveSessionCount => Sessions.Count;

    /// <summary>Every auth token ever issued (not cleared by <see cref="Reset"/>): tests search output for them, secrets must never leak.</summary>
    public IReadOnlyList<string> IssuedTokens => Sessions.Issued;

    /// <summary>How many /api requests got a fault since start (or the last reset).</summary>
    public int FaultsInjected => FaultInjector.Injected;

    internal WebhookStore WebhookStore { get; } = new();
    internal SessionStore Sessions { get; }
    internal FaultInjector FaultInjector { get; }

    /// <summary>SHA-256 thumbprints (upper-case hex) of the destination certificates trusted now, besides the receiver's own.</summary>
    public IReadOnlyList<string> TrustedCertificateThumbprints => TrustedCertificates.Thumbprints;

    internal TrustedCertificateStore TrustedCertificates { get; }

    /// <summary>Deliveries per path of the receiver's flaky destination (<c>/hooks/flaky/{n}/{key}</c>).</summary>
    internal DeliveryCounter FlakyDeliveries { get; } = new();

    /// <summary>Webhooks of one site, given its id or content URL.</summary>
    public IReadOnlyList<WebhookSnapshot> WebhooksForSite(string siteIdOrContentUrl)
    {
        var site = FindSiteById(siteIdOrContentUrl) ?? FindSiteByContentUrl(siteIdOrContentUrl)
            ?? throw new ArgumentException($"No site '{siteIdOrContentUrl}'.", nameof(siteIdOrContentUrl));
        return WebhookStore.ForSite(site.Id);
    }

    /// <summary>
    /// Adds <paramref name="count"/> webhooks to a site directly (no HTTP), as if <paramref name="ownerName"/> had created
    /// them: names <c>{namePrefix}{n}</c> (n from 1), events cycling through the catalog's non-admin events, destinations
    /// under <paramref name="destinationBaseUrl"/> (default <c>https://hooks.example.com/</c>). For benchmarks and
    /// tests that need many webhooks fast; <paramref name="createdAt"/> backdates them (default now). Returns what was added.
    /// </summary>
    public IReadOnlyList<WebhookSnapshot> SeedWebhooks(int count, string siteIdOrContentUrl = "", string namePrefix = "seeded-",
        string ownerName = "admin", string? destinationBaseUrl = null, DateTimeOffset? createdAt = null)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The count must not be negative.");
        }

        var site = FindSiteById(siteIdOrContentUrl) ?? FindSiteByContentUrl(siteIdOrContentUrl)
            ?? throw new ArgumentException($"No site '{siteIdOrContentUrl}'.", nameof(siteIdOrContentUrl));
        var owner = FindUserByName(ownerName) ?? throw new ArgumentException($"No user '{ownerName}'.", nameof(ownerName));
        var baseUrl = (destinationBaseUrl ?? "https://hooks.example.com/").TrimEnd('/') + "/";
        var events = Events.WebhookEventCatalog.All.Where(e => e.MinApiVersion == Api.ApiVersion.Webhooks).ToArray();
        var now = createdAt ?? DateTimeOffset.UtcNow;
        var seeded = new WebhookSnapshot[count];
        for (var i = 0; i < count; i++)
        {
            var e = events[i % events.Length];
            seeded[i] = new WebhookSnapshot(Guid.NewGuid().ToString(), site.Id, namePrefix + (i + 1), e.Name, e.SourceElement,
                baseUrl + namePrefix + (i + 1), true, "", owner.Id, owner.Name, now, now);
        }

        WebhookStore.AddRange(seeded);
        return seeded;
    }

    /// <summary>
    /// Back to the seed: no webhooks, sessions, deliveries (flaky destinations fail again) or logged requests; faults and trusted certificates back to
    /// the startup configuration.
    /// </summary>
    public void Reset()
    {
        FaultInjector.Reset();
        TrustedCertificates.Reset();
        WebhookStore.Clear();
        Sessions.Clear();
        deliveries.Clear();
        FlakyDeliveries.Clear();
        requests.Clear();
    }

    /// <summary>Waits until the receiver has a delivery matching <paramref name="predicate"/> (for asynchronous flows).</summary>
    public async Task<ReceivedDelivery> WaitForDeliveryAsync(Func<ReceivedDelivery, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        (await WaitForAsync(() => Deliveries, predicate, 1, timeout, "a matching delivery", cancellationToken))[0];

    /// <summary>
    /// Waits until the request log has an entry matching <paramref name="predicate"/>. Only needed where the client gave
    /// up before the server finished (a client timeout or Ctrl+C during a Latency fault); any other request is logged by
    /// the time the client has its answer or error. The <see cref="TimeoutException"/> names <paramref name="what"/>.
    /// </summary>
    public async Task<RequestLogEntry> WaitForRequestAsync(Func<RequestLogEntry, bool> predicate, TimeSpan timeout, string what = "a matching request", CancellationToken cancellationToken = default) =>
        (await WaitForAsync(() => RequestLog, predicate, 1, timeout, what, cancellationToken))[0];

    /// <summary>As <see cref="WaitForRequestAsync"/>, until <paramref name="count"/> entries match; returns those.</summary>
    public Task<IReadOnlyList<RequestLogEntry>> WaitForRequestsAsync(Func<RequestLogEntry, bool> predicate, int count, TimeSpan timeout, string what, CancellationToken cancellationToken = default) =>
        WaitForAsync(() => RequestLog, predicate, count, timeout, what, cancellationToken);

    private static async Task<IReadOnlyList<T>> WaitForAsync<T>(Func<IReadOnlyList<T>> read, Func<T, bool> predicate, int count, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var items = read();
            var matches = items.Where(predicate).ToList();
            if (matches.Count >= count)
            {
                return matches;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {what}; the simulator recorded {items.Count}, {matches.Count} of them matching, not {count}.");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    internal void RecordDelivery(ReceivedDelivery delivery) => deliveries.Add(delivery);

    internal void RecordRequest(RequestLogEntry entry) => requests.Add(entry);

    /// <summary>/api requests in flight now and at most (since the last ResetPeak).</summary>
    public ConcurrencyGauge Concurrency { get; } = new();

    internal SimulatedSite? FindSiteById(string siteId) =>
        options.Sites.FirstOrDefault(s => string.Equals(s.Id, siteId, StringComparison.OrdinalIgnoreCase));

    internal SimulatedSite? FindSiteByContentUrl(string contentUrl) =>
        options.Sites.FirstOrDefault(s => string.Equals(s.ContentUrl, contentUrl, StringComparison.OrdinalIgnoreCase));

    internal SimulatedUser? FindUserByName(string name) =>
        options.Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase));

    internal SimulatedUser? FindUserById(string id) =>
        options.Users.FirstOrDefault(u => string.Equals(u.Id, id, StringComparison.OrdinalIgnoreCase));

    internal SimulatedAccessToken? FindAccessToken(string name) =>
        options.PersonalAccessTokens.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
