using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>Receive-TableauWebhookEvent refuses what RFC 9112 says to refuse, within Kestrel-like limits, and notes it safely.</summary>
    public sealed partial class ReceiverTests
    {
        private const string SecretPathOnWire = "/" + Secret + "/";

        /// <summary>A request for the secret path carrying a good payload: only what is named wrong with it is wrong.</summary>
        private static byte[] Raw(string head, string? body = null)
        {
            var content = body ?? Payload("malformed");
            return Encoding.Latin1.GetBytes(head.Replace("{path}", SecretPathOnWire).Replace("{length}", Encoding.UTF8.GetByteCount(content).ToString()) + content);
        }

        private static string Chunked(string body) => $"{Encoding.UTF8.GetByteCount(body):x}\r\n{body}\r\n0\r\n\r\n";

        public static IEnumerable<object[]> MalformedRequests()
        {
            var payload = Payload("malformed");
            object[] Case(string what, int status, byte[] request) => new object[] { what, status, request };
            yield return Case("whitespace before a colon", 400,
                Raw("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding : chunked\r\n\r\n", Chunked(payload)));
            yield return Case("obs-fold", 400,
                Raw("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type:\r\n application/json\r\nContent-Length: {length}\r\n\r\n"));
            yield return Case("no Host on HTTP/1.1", 400,
                Raw("POST {path} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"));
            yield return Case("two Host", 400,
                Raw("POST {path} HTTP/1.1\r\nHost: a\r\nHost: b\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"));
            yield return Case("NUL in a header value", 400,
                Raw("POST {path} HTTP/1.1\r\nHost: x\r\nX-Note: a\0b\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"));
            yield return Case("ESC in a header value", 400,
                Raw("POST {path} HTTP/1.1\r\nHost: x\r\nUser-Agent: \u001b]0;owned\u0007\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"));
            yield return Case("ESC in the target", 400,
                Raw("POST {path}\u001b[2J HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"));
            yield return Case("ESC in the method", 400,
                Raw("POST\u001b[2J {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"));
            yield return Case("a 16,000-byte method", 400,
                Raw(new string('P', 16_000) + " {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"));
            yield return Case("a bare LF ending a header line", 400,
                Raw("POST {path} HTTP/1.1\r\nHost: x\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"));
            yield return Case("Content-Length and Transfer-Encoding both", 400,
                Raw("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", Chunked(payload)));
            yield return Case("two Content-Length", 400,
                Raw("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\nContent-Length: {length}\r\n\r\n"));
            yield return Case("HTTP/1.9", 505,
                Raw("POST {path} HTTP/1.9\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"));
            yield return Case("HTTP/2.0", 505,
                Raw("POST {path} HTTP/2.0\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"));
            yield return Case("101 header fields", 431,
                Raw("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n" +
                    string.Concat(Enumerable.Range(1, 98).Select(n => $"X-Field-{n}: {n}\r\n")) + "\r\n"));
            yield return Case("3,270 repeated header fields in 16 KB", 431,
                Raw("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n" +
                    string.Concat(Enumerable.Repeat("A: b\r\n", 3270)) + "\r\n"));
            yield return Case("101 trailer fields", 431,
                Raw("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                    $"{Encoding.UTF8.GetByteCount(payload):x}\r\n{payload}\r\n0\r\n" + string.Concat(Enumerable.Range(1, 101).Select(n => $"X-T{n}: {n}\r\n")) + "\r\n"));
            yield return Case("a control character in a trailer field", 400,
                Raw("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                    $"{Encoding.UTF8.GetByteCount(payload):x}\r\n{payload}\r\n0\r\nX-T: a\u001bb\r\n\r\n"));
            yield return Case("a request line over 8 KB", 414,
                Raw("POST {path}?" + new string('q', 9000) + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"));
        }

        [Theory]
        [MemberData(nameof(MalformedRequests))]
        public async Task A_malformed_request_is_refused_with_its_status_noted_once_and_nothing_is_written(string what, int status, byte[] request)
        {
            using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -Count 1");

            var answer = await ExchangeAsync(receiver.Url, request);
            // -Count 1: had the malformed request been taken, the run would end with it and this one would be told 503.
            var sentinel = await ExchangeAsync(receiver.Url, PostBytes(receiver.Url.AbsolutePath, Payload("sentinel")));

            Assert.True(answer.Status == status, $"{what}: {answer}");
            Assert.True(sentinel.Status == 200, $"after {what}, the good request got: {sentinel}");
            Assert.Equal("sentinel", Assert.Single(receiver.WaitForEnd(TimeSpan.FromSeconds(20))).Property<string>("ResourceName"));
            var refusals = receiver.Verbose.Where(v => v.StartsWith("Refused a request from 127.0.0.1: " + status, StringComparison.Ordinal)).ToList();
            Assert.True(refusals.Count == 1, $"{what}: noted {refusals.Count} times: {string.Join(" | ", receiver.Verbose)}");
            Assert.DoesNotContain(refusals[0], c => c < 0x20 || c == 0x7F);
            Assert.True(refusals[0].Length <= 400, $"A note of {refusals[0].Length} characters: {refusals[0]}");
            Assert.DoesNotContain(Secret, string.Join("\n", receiver.Verbose)); // quoted request lines have it masked
        }

        [Fact]
        public async Task A_note_quotes_at_most_200_characters_with_control_characters_escaped()
        {
            using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -Count 1");
            var method = "\u001b]0;owned\u0007\u001b[2J" + new string('M', 16_000);

            var answer = await ExchangeAsync(receiver.Url, Raw(method + " {path} HTTP/1.1\r\nHost: x\r\n\r\n", ""));
            await ExchangeAsync(receiver.Url, PostBytes(receiver.Url.AbsolutePath, Payload("sentinel")));
            receiver.WaitForEnd(TimeSpan.FromSeconds(20));

            Assert.Equal(400, answer.Status);
            var note = Assert.Single(receiver.Verbose, v => v.StartsWith("Refused a request from 127.0.0.1: 400", StringComparison.Ordinal));
            Assert.StartsWith("Refused a request from 127.0.0.1: 400 Bad Request (the method is not a token): \"\\x1B]0;owned\\x07\\x1B[2JMMM", note);
            Assert.Matches(@"… \(\d+ bytes\)""\.$", note);
            Assert.True(note.Count(c => c == 'M') <= 200, note);
        }

        [Fact]
        public async Task HEAD_is_answered_with_its_status_and_headers_and_no_body()
        {
            using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -TimeoutSec 30");
            var answer = await ExchangeAsync(receiver.Url, Raw("HEAD {path} HTTP/1.1\r\nHost: x\r\n\r\n", ""));
            var malformed = await ExchangeAsync(receiver.Url, Raw("HEAD {path} HTTP/1.1\r\nHost: x\r\nBad : header\r\n\r\n", ""));
            receiver.Stop();

            Assert.True(answer.Status == 405, answer.ToString());
            Assert.Equal("POST", answer.Header("Allow"));
            Assert.True(int.Parse(answer.Header("Content-Length")!) > 0, answer.Text);
            Assert.EndsWith("\r\n\r\n", answer.Text); // the head, and nothing after it
            Assert.True(malformed.Status == 400, malformed.ToString());
            Assert.EndsWith("\r\n\r\n", malformed.Text);
        }

        [Fact]
        public async Task Twenty_thousand_refused_requests_with_long_methods_while_the_pipeline_is_busy_keep_memory_bounded()
        {
            // The pipeline holds the first delivery until the test lets go: notes cannot be written meanwhile, and pile up.
            using var pipelineHolds = new ManualResetEventSlim();
            Shell.SetVariable("pipelineHolds", pipelineHolds);
            using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -Count 2", " | ForEach-Object { $null = $pipelineHolds.Wait(300000); $_ }");
            try
            {
                Assert.Equal(200, (await ExchangeAsync(receiver.Url, PostBytes(receiver.Url.AbsolutePath, Payload("first")))).Status);
                var bad = Raw(new string('M', 16_000) + " {path} HTTP/1.1\r\nHost: x\r\n\r\n", "");
                await SendManyAsync(receiver.Url, bad, 500); // warm up: buffers, pools, JIT
                var before = ManagedBytesKept();

                var statuses = await SendManyAsync(receiver.Url, bad, 20_000);
                var after = ManagedBytesKept();

                Assert.True(statuses.All(s => s == 400), "Not all refused with 400: " + string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key} x{g.Count()}")));
                // 20,000 notes quoting 16,000-byte methods, kept whole, were 640 MB; bounded and cut short they are under 1 MB.
                // 50 MB leaves room for what other tests in this process keep meanwhile.
                var grown = (after - before) / (1024.0 * 1024);
                Assert.True(grown < 50, $"The managed memory kept grew by {grown:0.0} MB over 20,000 refused requests (working set now {Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024)} MB).");
            }
            finally
            {
                pipelineHolds.Set();
            }
            Assert.Equal(200, (await ExchangeAsync(receiver.Url, PostBytes(receiver.Url.AbsolutePath, Payload("second")))).Status);
            Assert.Equal(2, receiver.WaitForEnd(TimeSpan.FromSeconds(60)).Count);
            var notes = receiver.Verbose;
            Assert.Contains(notes, v => System.Text.RegularExpressions.Regex.IsMatch(v, @"^\d+ more refused since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d"));
            Assert.True(notes.Count <= 1100, $"{notes.Count} notes were written.");
        }

        private static long ManagedBytesKept()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return GC.GetTotalMemory(forceFullCollection: true);
        }

        /// <summary>The same request on <paramref name="count"/> connections, 16 at a time; the statuses answered.</summary>
        private static async Task<int[]> SendManyAsync(Uri url, byte[] request, int count)
        {
            var statuses = new int[count];
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count) statuses[i] = (await ExchangeAsync(url, request)).Status;
            }));
            return statuses;
        }

        [Fact]
        public async Task With_Count_1_and_four_concurrent_posts_each_sender_gets_200_or_503_with_Retry_After_never_a_reset()
        {
            for (var round = 1; round <= 5; round++)
            {
                using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -Count 1");
                var answers = await Task.WhenAll(Enumerable.Range(1, 4).Select(n =>
                    Task.Run(() => ExchangeAsync(receiver.Url, PostBytes(receiver.Url.AbsolutePath, Payload($"round-{round}-{n}"))))));
                var written = receiver.WaitForEnd(TimeSpan.FromSeconds(20));

                var report = $"round {round}: " + string.Join("; ", answers.Select(a => a.ToString()));
                // A sender that could not connect at all (the port closed first) sent nothing and may retry; one that
                // connected is owed an answer.
                Assert.True(answers.All(a => a.Status == 200 || (a.Status == 503 && a.Header("Retry-After") != null) || a.Text == "connecting: ConnectionRefused"), report);
                Assert.True(answers.Count(a => a.Status == 200) == 1, report);
                Assert.Single(written);
            }
        }
    }
}
