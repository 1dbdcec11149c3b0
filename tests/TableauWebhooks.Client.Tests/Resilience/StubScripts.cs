using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Tests.Support;

namespace TableauWebhooks.Client.Tests.Resilience
{
    /// <summary>Options, credentials and canned webhook documents for the scripted resilience tests.</summary>
    internal static class StubScripts
    {
        public const string HookId = "9f9bcaf8-8c4c-403c-b7e1-10dd85620f00";
        public const string Destination = "https://hooks.example.com/in";

        /// <summary>Tiny backoff so tests are fast; tests measuring Retry-After raise MaxRetryDelay themselves.</summary>
        public static TableauClientOptions Options(Uri server, ConcurrentQueue<string>? trace = null)
            => new TableauClientOptions
            {
                ServerUrl = server, Timeout = TimeSpan.FromSeconds(10), NoProxy = true, Trace = trace == null ? null : trace.Enqueue,
                RetryBaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(100),
            };

        public static PasswordCredential Admin() => new PasswordCredential("admin", Secure.String("admin-password"));

        /// <summary>A webhook document; createdAt is now unless given ("" leaves it out, as a server that does not say).</summary>
        public static string HookJson(string id = HookId, string name = "hook", string eventName = "WorkbookCreated", string url = Destination, string? createdAt = null)
        {
            createdAt ??= DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var created = createdAt.Length == 0 ? "" : $"\"createdAt\":\"{createdAt}\",";
            return $"{{\"id\":\"{id}\",\"name\":\"{name}\",\"event\":\"{eventName}\",{created}\"webhook-destination\":{{\"webhook-destination-http\":{{\"method\":\"POST\",\"url\":\"{url}\"}}}}}}";
        }

        public static StubResponse Webhook(string id = HookId, string name = "hook", int status = 201)
            => StubResponse.Json($"{{\"webhook\":{HookJson(id, name)}}}", status);

        public static StubResponse WebhookList(params string[] hooks)
            => StubResponse.Json(hooks.Length == 0 ? "{\"webhooks\":{}}" : $"{{\"webhooks\":{{\"webhook\":[{string.Join(",", hooks)}]}}}}");

        public static StubResponse ServiceUnavailable() => TableauDocs.Error(503, "503000", "Service Unavailable", "Try later");
        public static StubResponse Throttled(string retryAfter) => TableauDocs.Error(429, "429000", "Too Many Requests", "Slow down").With("Retry-After", retryAfter);
        public static StubResponse Expired() => TableauDocs.Error(401, "401002", "Unauthorized Access", "Invalid authentication credentials were provided.");

        public static bool IsList(RecordedRequest r) => r.Method == "GET" && r.Path.EndsWith("/webhooks", StringComparison.Ordinal);
        public static bool IsCreate(RecordedRequest r) => r.Method == "POST" && r.Path.EndsWith("/webhooks", StringComparison.Ordinal);
        public static bool IsSignIn(RecordedRequest r) => r.Path.EndsWith("/auth/signin", StringComparison.Ordinal);

        /// <summary>Answers the n-th matching request (0-based) from the script, then falls back to the last entry.</summary>
        public static Func<RecordedRequest, StubResponse?> Sequence(Func<RecordedRequest, bool> match, params Func<StubResponse>[] script)
        {
            var count = -1;
            return r =>
            {
                if (!match(r)) return null;
                var n = Interlocked.Increment(ref count);
                return script[Math.Min(n, script.Length - 1)]();
            };
        }
    }
}
