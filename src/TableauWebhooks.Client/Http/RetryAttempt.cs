namespace TableauWebhooks.Client.Http
{
    /// <summary>What one request's attempts have learned so far, shared by its attempts through RetryRunner.</summary>
    internal sealed class RetryAttempt
    {
        /// <summary>An earlier attempt may have been carried out (so a DELETE's 404 now means it worked).</summary>
        public bool EarlierOutcomeUnknown { get; set; }
        /// <summary>The last answer was a replay with a renewed session: another 401 means the server refuses us.</summary>
        public bool ReplayedAfterSignIn { get; set; }
    }
}
