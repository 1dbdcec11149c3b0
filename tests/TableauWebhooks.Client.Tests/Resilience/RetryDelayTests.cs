using System;
using System.Net.Http.Headers;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Http;
using Xunit;

namespace TableauWebhooks.Client.Tests.Resilience
{
    /// <summary>The waits themselves: Retry-After in both forms, the cap, and the jittered exponential backoff.</summary>
    public class RetryDelayTests
    {
        private static RetryRunner Runner(int baseMs, int capMs)
            => new RetryRunner(new TableauClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(baseMs), MaxRetryDelay = TimeSpan.FromMilliseconds(capMs) },
                new ApiTransport(new System.Net.Http.HttpClient(), TimeSpan.FromSeconds(1), new Uri("https://t.example.com")));

        private static TableauException Failure(TimeSpan? retryAfter = null)
            => new TableauException(TableauErrorKind.ServerError, "ServerError", "x") { HttpStatus = 503, RetryAfter = retryAfter };

        [Fact]
        public void Backoff_is_random_below_an_exponential_ceiling_and_the_cap()
        {
            var runner = Runner(100, 1000);
            for (var i = 0; i < 200; i++)
            {
                Assert.InRange(runner.DelayFor(1, Failure()).Delay.TotalMilliseconds, 0, 100);
                Assert.InRange(runner.DelayFor(3, Failure()).Delay.TotalMilliseconds, 0, 400);
                Assert.InRange(runner.DelayFor(10, Failure()).Delay.TotalMilliseconds, 0, 1000);
            }
            Assert.Equal("backoff", runner.DelayFor(1, Failure()).Reason);
        }

        [Fact]
        public void Retry_after_is_used_as_given_up_to_the_cap()
        {
            var runner = Runner(100, 5000);
            Assert.Equal((TimeSpan.FromSeconds(2), "Retry-After"), runner.DelayFor(1, Failure(TimeSpan.FromSeconds(2))));
            var capped = runner.DelayFor(1, Failure(TimeSpan.FromMinutes(29)));
            Assert.Equal(TimeSpan.FromSeconds(5), capped.Delay);
            Assert.Equal("Retry-After 1740.0 s, capped at MaxRetryDelay", capped.Reason);
        }

        [Fact]
        public void Retry_after_header_in_both_forms()
        {
            var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
            Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterHeader.Delay(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), null, now));
            // An HTTP-date is read against the server's Date, so a skewed local clock does not matter.
            Assert.Equal(TimeSpan.FromSeconds(3), RetryAfterHeader.Delay(new RetryConditionHeaderValue(now.AddHours(1).AddSeconds(3)), now.AddHours(1), now));
            Assert.Equal(TimeSpan.FromSeconds(3), RetryAfterHeader.Delay(new RetryConditionHeaderValue(now.AddSeconds(3)), null, now));
            Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Delay(new RetryConditionHeaderValue(now.AddSeconds(-3)), null, now));
            Assert.Null(RetryAfterHeader.Delay(null, null, now));
        }
    }
}
