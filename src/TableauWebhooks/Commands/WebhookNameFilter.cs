using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Errors;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// One value of -Name (a wildcard pattern) or -LiteralName (a name as it is), and the one comparison both the match
    /// and the "not found" check use, so a webhook that was found never also comes with a WebhookNotFound error.
    /// Names compare ignoring case either way.
    /// </summary>
    internal sealed class WebhookNameFilter
    {
        private const char EscapeChar = '`';
        private static readonly char[] Special = { '*', '?', '[', ']', EscapeChar };

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

        public static WebhookNameFilter Literal(string name) => new WebhookNameFilter(name, Escape(name));

        public bool IsMatch(string name) => _pattern.IsMatch(name);

        /// <summary>
        /// The error for a value that selected nothing on <paramref name="where"/> ("the Default site", "any site"): a
        /// name that does not exist, or a pattern that matches no name. Its target is the value as given.
        /// </summary>
        public ErrorRecord NotFound(string where)
            => ErrorRecordFactory.Create(ErrorIds.WebhookNotFound, ErrorCategory.ObjectNotFound, Given, MustExist
                ? $"No webhook named '{Given}' exists on {where}."
                : $"No webhook on {where} has a name that matches '{Given}'.");

        /// <summary>
        /// The pattern that matches exactly this name: every wildcard character and the escape character itself
        /// preceded by a backtick. WildcardPattern.Escape leaves a lone backtick alone in Windows PowerShell 5.1 and
        /// PowerShell 7.4 and 7.5 (PowerShell/PowerShell#16306), so a name such as tick`tock would match ticktock.
        /// </summary>
        public static string Escape(string name)
        {
            if (name.IndexOfAny(Special) < 0) return name;
            return string.Concat(name.Select(c => Special.Contains(c) ? EscapeChar.ToString() + c : c.ToString()));
        }
    }
}
