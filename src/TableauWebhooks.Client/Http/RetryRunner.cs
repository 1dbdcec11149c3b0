using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Client.Http
{
    /// <summary>
    /// Runs a request's attempts: repeats transient failures with Retry-After or capped exponential backoff (full jitter),
    /// only repeats what is safe to repeat, and traces one line per failed attempt with the decision taken.
    /// </summary>
    internal sealed class RetryRunner
    {
        private readonly int _maxRetries;
        private readonly TimeSpan _baseDelay;
        private readonly TimeSpan _maxDelay;
        private readonly ApiTransport _transport;
        private readonly Random _random = new Random();

        public RetryRunner(TableauClientOptions options, ApiTransport transport)
        {
            _maxRetries = Math.Max(0, options.MaxRetries);
            _baseDelay = options.RetryBaseDelay < TimeSpan.Zero ? TimeSpan.Zero : options.RetryBaseDelay;
            _maxDelay = options.MaxRetryDelay < TimeSpan.Zero ? TimeSpan.Zero : options.MaxRetryDelay;
            // Task.Delay takes at most int.MaxValue milliseconds (about 24 days).
            if (_maxDelay.TotalMilliseconds > int.MaxValue) _maxDelay = TimeSpan.FromMilliseconds(int.MaxValue);
            _transport = transport;
        }

        /// <summary>
        /// <paramref name="safeToRepeat"/>: the request may be repeated even when an attempt may have been carried out.
        /// Otherwise only failures where the server did not act are repeated, unless <paramref name="recover"/> is given:
        /// it looks for what an attempt of unknown outcome made, before the next attempt and before giving up.
        /// <paramref name="retryLimit"/> lowers the configured number of retries for a request that is only worth a
        /// short try (sign-out).
        /// </summary>
        public async Task<T> RunAsync<T>(bool safeToRepeat, Func<RetryAttempt, Task<T>> attempt,
            Func<Task<(bool Found, T Value)>>? recover, CancellationToken cancellationToken, int? retryLimit = null)
        {
            var maxRetries = retryLimit.HasValue ? Math.Min(_maxRetries, Math.Max(0, retryLimit.Value)) : _maxRetries;
            var state = new RetryAttempt();
            for (var retry = 0; ; retry++)
            {
                TableauException failure;
                try
                {
                    return await attempt(state).ConfigureAwait(false);
                }
                catch (TableauException ex)
                {
                    failure = ex;
                }

                var transience = TransienceRules.Of(failure);
                var repeatable = transience == Transience.NotActed
                                 || (transience == Transience.OutcomeUnknown && (safeToRepeat || recover != null));
                if (!repeatable || maxRetries == 0)
                {
                    _transport.Trace(failure.Attempt);
                    if (transience == Transience.OutcomeUnknown && recover != null)
                        return await RecoverOrThrowAsync(recover, failure).ConfigureAwait(false);
                    throw failure;
                }
                if (transience == Transience.OutcomeUnknown) state.EarlierOutcomeUnknown = true;

                if (retry >= maxRetries)
                {
                    _transport.Trace(failure.Attempt + $"; giving up after {retry + 1} attempts");
                    var exhausted = failure.WithMessage(failure.Message.TrimEnd() + $" Gave up after {retry + 1} attempts.");
                    if (state.EarlierOutcomeUnknown && recover != null) return await RecoverOrThrowAsync(recover, exhausted).ConfigureAwait(false);
                    throw exhausted;
                }

                var (delay, reason) = DelayFor(retry + 1, failure);
                _transport.Trace(failure.Attempt + $"; retry {retry + 1} of {maxRetries} in {Seconds(delay)} s ({reason})");
                // The caller's token ends the wait at once.
                if (delay > TimeSpan.Zero) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();

                if (state.EarlierOutcomeUnknown && recover != null)
                {
                    var (found, value) = await recover().ConfigureAwait(false);
                    if (found) return value;
                }
            }
        }

        private static async Task<T> RecoverOrThrowAsync<T>(Func<Task<(bool Found, T Value)>> recover, TableauException failure)
        {
            var (found, value) = await recover().ConfigureAwait(false);
            if (found) return value;
            throw failure;
        }

        /// <summary>The server's Retry-After when it gave one (capped), else a random wait up to base * 2^(retry-1), capped.</summary>
        internal (TimeSpan Delay, string Reason) DelayFor(int retry, TableauException failure)
        {
            if (failure.RetryAfter.HasValue)
            {
                var asked = failure.RetryAfter.Value;
                return asked > _maxDelay
                    ? (_maxDelay, $"Retry-After {Seconds(asked)} s, capped at MaxRetryDelay")
                    : (asked, "Retry-After");
            }
            var ceiling = _baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30));
            ceiling = Math.Min(ceiling, _maxDelay.TotalMilliseconds);
            double fraction;
            lock (_random) fraction = _random.NextDouble();
            return (TimeSpan.FromMilliseconds(ceiling * fraction), "backoff");
        }

        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture);
    }
}
