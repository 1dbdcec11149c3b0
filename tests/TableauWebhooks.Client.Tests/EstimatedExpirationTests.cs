using System;
using TableauWebhooks.Client.Auth;
using Xunit;

namespace TableauWebhooks.Client.Tests
{
    public sealed class EstimatedExpirationTests
    {
        private static readonly DateTimeOffset SignedIn = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

        [Theory]
        [InlineData("0:04:00", 0, 4, 0)]
        [InlineData("177:05:38", 177, 5, 38)]
        public void Days_hours_minutes_are_added_to_the_sign_in_time(string value, int days, int hours, int minutes)
            => Assert.Equal(SignedIn + new TimeSpan(days, hours, minutes, 0), EstimatedExpiration.From(SignedIn, value));

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("soon")]
        [InlineData("4:00")]
        [InlineData("1:25:00")]
        [InlineData("-1:00:00")]
        public void Anything_else_is_ignored(string? value) => Assert.Null(EstimatedExpiration.From(SignedIn, value));
    }
}
