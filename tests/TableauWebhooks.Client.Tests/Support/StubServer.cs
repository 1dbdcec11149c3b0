using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace TableauWebhooks.Client.Tests.Support
{
    /// <summary>What the stub saw: enough to assert headers and bodies the client sent.</summary>
    public sealed class RecordedRequest
    {
        public string Method { get; set; } = "";
        public string Path { get; set; } = "";
        public string Query { get; set; } = "";
        public string? Accept { get; set; }
        public string? AuthToken { get; set; }
        public string? ContentType { get; set; }
        public string Body { get; set; } = "";
    }

    public sealed class StubResponse
    {
        public int Status { get; set; } = 200;
        public string? ContentType { get; set; }
        public string Body { get; set; } = "";
        public string? Location { get; set; }
        public TimeSpan Delay { get; set; }
        /// <summary>Extra response headers (Retry-After...).</summary>
        public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>();
        /// <summary>Read the request, then cut the connection part-way through a 200 answer (a cut-off answer).</summary>
        public bool Drop { get; set; }
        /// <summary>
        /// Read the request, then close the connection cleanly without sending a byte: the answer is lost, as when a proxy
        /// or load balancer closes a kept-alive connection after forwarding. Only KeepAliveServer can do this.
        /// </summary>
        public bool LoseAnswer { get; set; }

        public static StubResponse Dropped() => new StubResponse { Drop = true };
        public static StubResponse Lost() => new StubResponse { LoseAnswer = true };
        public StubResponse With(string header, string value)
        {
            Headers[header] = value;
            return this;
        }

        public static StubResponse Xml(string body, int status = 200) => new StubResponse { Status = status, Body = body, ContentType = "application/xml;charset=utf-8" };
        public static StubResponse Json(string body, int status = 200) => new StubResponse { Status = status, Body = body, ContentType = "application/json;charset=utf-8" };
    }

    /// <summary>
    /// A scripted HTTP server on loopback for pipeline behaviour the simulator does not produce on purpose
    /// (redirects, proxies' HTML, slow answers).
    /// </summary>
    public sealed class StubServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly Func<RecordedRequest, StubResponse> _handler;

        public StubServer(Func<RecordedRequest, StubResponse> handler)
        {
            _handler = handler;
            var port = FreePort();
            BaseUrl = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(BaseUrl.ToString());
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public Uri BaseUrl { get; }
        public ConcurrentQueue<RecordedRequest> Requests { get; } = new ConcurrentQueue<RecordedRequest>();

        public static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch { return; }
                _ = Task.Run(() => HandleAsync(context));
            }
        }

        private async Task HandleAsync(HttpListenerContext context)
        {
            try
            {
                string body;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
                var recorded = new RecordedRequest
                {
                    Method = context.Request.HttpMethod,
                    Path = context.Request.Url!.AbsolutePath,
                    Query = context.Request.Url!.Query,
                    Accept = context.Request.Headers["Accept"],
                    AuthToken = context.Request.Headers["X-Tableau-Auth"],
                    ContentType = context.Request.ContentType,
                    Body = body,
                };
                Requests.Enqueue(recorded);
                var response = _handler(recorded);
                if (response.Delay > TimeSpan.Zero) await Task.Delay(response.Delay);
                if (response.Drop)
                {
                    // A cut-off answer (not a lost one: KeepAliveServer loses answers). HttpListener's Abort alone may still
                    // answer 200: promise a body, send part of it, then cut the connection.
                    context.Response.StatusCode = 200;
                    context.Response.ContentLength64 = 1000;
                    await context.Response.OutputStream.WriteAsync(new byte[] { (byte)'{' }, 0, 1);
                    await context.Response.OutputStream.FlushAsync();
                    context.Response.Abort();
                    return;
                }
                foreach (var header in response.Headers) context.Response.Headers[header.Key] = header.Value;
                context.Response.StatusCode = response.Status;
                if (response.ContentType != null) context.Response.ContentType = response.ContentType;
                if (response.Location != null) context.Response.RedirectLocation = response.Location;
                var bytes = Encoding.UTF8.GetBytes(response.Body);
                context.Response.ContentLength64 = bytes.Length;
                if (bytes.Length > 0) await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length);
                context.Response.Close();
            }
            catch
            {
                try { context.Response.Abort(); } catch { }
            }
        }

        public void Dispose()
        {
            try { _listener.Stop(); _listener.Close(); } catch { }
        }
    }

    /// <summary>Canned Tableau answers for the stub.</summary>
    public static class TableauDocs
    {
        public const string SiteId = "5f3c8a1e-2b4d-4c6e-8f10-a1b2c3d4e5f6";
        public const string UserId = "1a96d216-e9b8-497b-a82a-0b899a965e01";
        public const string Token = "SECRET-TOKEN-8f2b1c";

        public static StubResponse ServerInfo(string rest = "3.28", string product = "2025.3.0")
            => StubResponse.Xml($"<tsResponse xmlns=\"http://tableau.com/api\"><serverInfo><productVersion build=\"20253.0\">{product}</productVersion><restApiVersion>{rest}</restApiVersion></serverInfo></tsResponse>");

        public static StubResponse SignIn(string token = Token)
            => StubResponse.Json($"{{\"credentials\":{{\"site\":{{\"id\":\"{SiteId}\",\"contentUrl\":\"\"}},\"user\":{{\"id\":\"{UserId}\"}},\"token\":\"{token}\"}}}}");

        public static StubResponse User(string name = "admin")
            => StubResponse.Json($"{{\"user\":{{\"id\":\"{UserId}\",\"name\":\"{name}\",\"siteRole\":\"ServerAdministrator\"}}}}");

        public static StubResponse Error(int status, string code, string summary, string detail)
            => StubResponse.Xml($"<tsResponse xmlns=\"http://tableau.com/api\"><error code=\"{code}\"><summary>{summary}</summary><detail>{detail}</detail></error></tsResponse>", status);

        /// <summary>A happy Tableau for serverinfo/sign-in/user lookup, delegating everything else.</summary>
        public static Func<RecordedRequest, StubResponse> Server(Func<RecordedRequest, StubResponse?>? other = null, string rest = "3.28")
            => r =>
            {
                var custom = other?.Invoke(r);
                if (custom != null) return custom;
                if (r.Path.EndsWith("/serverinfo", StringComparison.Ordinal)) return ServerInfo(rest);
                if (r.Path.EndsWith("/auth/signin", StringComparison.Ordinal)) return SignIn();
                if (r.Path.EndsWith("/auth/signout", StringComparison.Ordinal)) return new StubResponse { Status = 204 };
                if (r.Path.Contains("/users/")) return User();
                if (r.Path.EndsWith("/webhooks", StringComparison.Ordinal)) return StubResponse.Json("{\"webhooks\":{}}");
                return Error(404, "404003", "Resource Not Found", "Unknown resource");
            };
    }
}
