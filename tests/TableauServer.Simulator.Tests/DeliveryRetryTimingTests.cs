using System;
using System.Linq;
using System.Threading.Tasks;
using TableauServer.Simulator.Delivery;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

/// <summary>Retries come "with diminishing frequency": retry n waits DeliveryRetryDelay × 2^(n−1).</summary>
public sealed class DeliveryRetryTimingTests : SimulatorTest
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(100);

    protected override void Configure(SimulatorOptions options) => options.DeliveryRetryDelay = BaseDelay;

    [Fact]
    public async Task Each_retry_waits_twice_as_long_as_the_one_before()
    {
        var admin = await SignInAsync();
        await CreateWebhookAsync(admin, "failing", "WorkbookUpdated", ReceiverUrl("status/503/failing"));

        await FireEventAsync("{\"site\":\"\",\"event\":\"WorkbookUpdated\"}");

        var arrivals = Host.State.Deliveries.Select(d => d.ReceivedAt).ToArray();
        Assert.Equal(4, arrivals.Length);
        for (var retry = 1; retry <= 3; retry++)
        {
            var gap = arrivals[retry] - arrivals[retry - 1];
            var planned = BaseDelay * Math.Pow(2, retry - 1);

            // Only a lower bound (with slack for clock granularity): a loaded machine may make gaps longer, never shorter.
            Assert.True(gap >= planned * 0.8, $"Retry {retry} came {gap.TotalMilliseconds:F0} ms after the attempt before; planned {planned.TotalMilliseconds:F0} ms.");
        }
    }

    [Theory]
    [InlineData(100, 1, 100)]
    [InlineData(100, 2, 200)]
    [InlineData(100, 3, 400)]
    [InlineData(250, 4, 2000)]
    [InlineData(0, 3, 0)]
    public void Schedule_doubles_the_configured_delay(int baseMilliseconds, int retry, int expectedMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), RetrySchedule.DelayBefore(retry, TimeSpan.FromMilliseconds(baseMilliseconds)));
    }

    [Fact]
    public void Schedule_is_capped_so_many_retries_cannot_overflow()
    {
        Assert.Equal(RetrySchedule.MaximumDelay, RetrySchedule.DelayBefore(200, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrySchedule.DelayBefore(0, BaseDelay));
    }
}
