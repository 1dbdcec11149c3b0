using System.Management.Automation;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// One value of -Name (a wildcard pattern), and the one comparison both the match and the "not found" check use, so
    /// a webhook that was found never also comes with a WebhookNotFound error. Names compare ignoring case.
    /// </summary>
    internal sealed class WebhookNameFilter
    {
        private readonly WildcardPattern _pattern;

        private WebhookNameFilter(string given, string pattern)
        {
            Given = given;
            _pattern = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase);
            // As Get-Process -Name: a name that can select only one name (no wildcard characters once escapes are
            // read: prod`* is the name prod*) must exist; a pattern may match nothing.
            MustExist = !WildcardPattern.ContainsWildcardCharacters(pattern);
        }

        /// <summary>The value as the user gave it: the error's target and message show it.</summary>
        public string Given { get; }

        public bool MustExist { get; }

        public static WebhookNameFilter Wildcard(string pattern) => new WebhookNameFilter(pattern, pattern);

        public bool IsMatch(string name) => _pattern.IsMatch(name);
    }
}
