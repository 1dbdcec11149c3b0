namespace TableauWebhooks.Client.Http
{
    /// <summary>What one request's attempts have learned so far, shared by its attempts through RetryRunner.</summary>
    internal sealed class RetryAttempt
    {
        /// <summary>An earlier attempt may have been carried out (so a DELETE's 404 now means it worked).</summary>
        public bool EarlierOutcomeUnknown { get; set; }
        /// <summary>
        /// How many times in a row this request was replayed with a renewed session and answered 401 again. A fault between
        /// (503, a drop) resets it: a later 401 is a new expiry, not a refusal.
        /// </summary>
        public int ReplaysAfterSignIn { get; set; }
    }
}
