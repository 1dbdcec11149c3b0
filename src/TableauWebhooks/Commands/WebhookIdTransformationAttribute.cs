using System;
using System.Management.Automation;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// Turns text into a webhook id with a message that says what an id looks like, instead of PowerShell's generic
    /// "Cannot convert value to type System.Guid". Ids from CSV files and from text files (Get-Content ids.txt, piped
    /// by value) arrive as text, so this is the common path; surrounding whitespace is ignored. Anything else it hands
    /// back unchanged, so a piped TableauWebhook or CSV row fails the by-value binding of -Id and binds as before.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class WebhookIdTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case Guid _:
                case Guid[] _:
                    return value;
                case string text:
                    return Parse(text);
                case object[] items:
                    var ids = new Guid[items.Length];
                    for (var i = 0; i < items.Length; i++)
                        ids[i] = items[i] is Guid g ? g : Parse((items[i] is PSObject p ? p.BaseObject : items[i])?.ToString() ?? "");
                    return ids;
                default:
                    return value; // let PowerShell's own conversion speak for other types
            }
        }

        private static Guid Parse(string text)
        {
            if (Guid.TryParse(text.Trim(), out var id)) return id;
            var blank = text.Trim().Length == 0;
            var what = blank ? $"'{text}' is empty (a blank line or an empty Id column?), so it" : $"'{text}'";
            // Typed where an id goes, a name is the likeliest mistake (Remove-TableauWebhook old-hook): say how names are given.
            var byName = blank ? "" : " To select webhooks by name, use -Name.";
            throw new ArgumentTransformationMetadataException(
                $"{what} is not a webhook id. Tableau webhook ids are GUIDs such as 7d60d364-b9f5-4a9c-8aa5-4bdaa38c5dd3; Get-TableauWebhook lists them.{byName}");
        }
    }
}
