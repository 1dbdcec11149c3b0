using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TableauServer.Simulator.Delivery;

/// <summary>
/// Posts webhook requests like Tableau's HttpPostHookSender: POST, JSON, User-Agent TableauWebhooks/1.0,
/// a connect timeout and a separate read timeout. Certificates are validated normally, except for the built-in
/// receiver's pinned certificate and the ones a test trusted (see <see cref="DestinationCertificatePolicy"/>) —
/// the simulator's deviation, so that https-only webhooks can be tested on loopback.
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    public const string UserAgent = "TableauWebhooks/1.0";
    private static readonly HttpRequestOptionsKey<AttemptClock> ClockKey = new("simulator.attempt-clock");

    private readonly HttpClient client;
    private readonly TimeSpan connectTimeout;
    private readonly TimeSpan readTimeout;

    public WebhookSender(SimulatorOptions options, DestinationCertificatePolicy certificatePolicy)
    {
        connectTimeout = options.DeliveryConnectTimeout;
        readTimeout = options.DeliveryReadTimeout;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            // One connection per request, so every request passes ConnectCallback and gets its read timer.
            PooledConnectionLifetime = TimeSpan.Zero,
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = ConnectAndStartReadTimerAsync,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (stream, certificate, chain, errors) =>
                    certificatePolicy.Accepts((stream as SslStream)?.TargetHostName ?? "", certificate, chain, errors, out var rejection)
                        // Thrown rather than returning false, so the failure reason (Test Webhook's 408 body, an event's
                        // lastFailure) says why instead of "rejected by the provided RemoteCertificateValidationCallback".
                        ? true
                        : throw new AuthenticationException(rejection),
            },
        };
        client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public async Task<DeliveryOutcome> PostJsonAsync(string url, string json, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(connectTimeout + readTimeout); // Until connected; ConnectCallback narrows it to the read timeout.
        var clock = new AttemptClock(timer);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.UserAgent.ParseAdd(UserAgent);
        request.Options.Set(ClockKey, clock);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timer.Token);
            var body = await response.Content.ReadAsStringAsync(timer.Token);
            return DeliveryOutcome.Answered((int)response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Unreachable(clock.Connected ? "Read timed out" : "Connect timed out");
        }
        catch (HttpRequestException ex)
        {
            return DeliveryOutcome.Unreachable(Describe(ex));
        }
    }

    public void Dispose() => client.Dispose();

    private async ValueTask<System.IO.Stream> ConnectAndStartReadTimerAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        if (context.InitialRequestMessage.Options.TryGetValue(ClockKey, out var clock))
        {
            clock.Connected = true;
            clock.Timer.CancelAfter(readTimeout);
        }

        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>Per-attempt timing: the connect timeout runs until the socket connects, then the read timeout.</summary>
    private sealed class AttemptClock
    {
        public AttemptClock(CancellationTokenSource timer) => Timer = timer;

        public CancellationTokenSource Timer { get; }
        public bool Connected { get; set; }
    }

    private static string Describe(HttpRequestException ex)
    {
        var message = ex.Message;
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += " " + inner.Message;
        }

        return message;
    }
}
