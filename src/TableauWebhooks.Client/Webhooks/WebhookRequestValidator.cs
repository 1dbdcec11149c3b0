using System;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Client.Versions;

namespace TableauWebhooks.Client.Webhooks
{
    /// <summary>
    /// Client-side checks before anything is sent: Tableau's own messages for these cases are vague or undocumented,
    /// and a request that cannot succeed on this server version should not reach it at all.
    /// </summary>
    internal static class WebhookRequestValidator
    {
        public static WebhookBody ForCreate(WebhookCreateRequest request, Version api)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var body = new WebhookBody
            {
                Name = ValidName(request.Name),
                Event = ResolveEvent(request.Event, api),
                UseEventAttribute = ApiGates.EventAttribute.IsOpenAt(api),
                DestinationUrl = ValidDestination(request.DestinationUrl),
            };
            // Only an explicit false is worth sending; true is the server default and servers below the gate do not know the flag.
            if (request.Enabled == false)
            {
                ApiGates.UpdateWebhook.Require("Creating a disabled webhook", api);
                body.Enabled = false;
            }
            return body;
        }

        public static WebhookBody ForUpdate(WebhookUpdateRequest request, Version api)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            ApiGates.UpdateWebhook.Require("Updating a webhook (including enabling or disabling it)", api);
            if (request.IsEmpty)
                throw ClientErrors.InvalidArgument(ErrorIds.EmptyWebhookUpdate, "Nothing to update: give at least one of the name, event, destination URL or enabled state.");
            return new WebhookBody
            {
                Name = request.Name == null ? null : ValidName(request.Name),
                Event = request.Event == null ? null : ResolveEvent(request.Event, api),
                UseEventAttribute = ApiGates.EventAttribute.IsOpenAt(api),
                DestinationUrl = request.DestinationUrl == null ? null : ValidDestination(request.DestinationUrl),
                Enabled = request.Enabled,
                // Tableau rejects a reason on an enabled webhook (400127); it only means something when disabling.
                StatusChangeReason = request.Enabled == false ? request.StatusChangeReason : null,
            };
        }

        public static string ValidWebhookId(string? webhookId)
        {
            if (string.IsNullOrWhiteSpace(webhookId))
                throw ClientErrors.InvalidArgument(ErrorIds.InvalidWebhookId, "The webhook id is empty; give the id (a GUID) of an existing webhook.");
            var id = webhookId!.Trim();
            if (!Guid.TryParse(id, out _))
                throw ClientErrors.InvalidArgument(ErrorIds.InvalidWebhookId, $"'{id}' is not a webhook id: Tableau webhook ids are GUIDs such as 9f9bcaf8-8c4c-403c-b7e1-10dd85620f00.");
            return id;
        }

        private static string ValidName(string? name)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw ClientErrors.InvalidArgument(ErrorIds.InvalidWebhookName, "The webhook name must not be empty or blank.");
            return name!;
        }

        private static WebhookEventDefinition ResolveEvent(string? name, Version api)
        {
            if (!WebhookEventCatalog.TryFind(name, out var definition))
                throw ClientErrors.InvalidArgument(ErrorIds.UnknownWebhookEvent,
                    $"'{name}' is not a Tableau webhook event: events are named like DatasourceRefreshFailed, or in the legacy form webhook-source-event-datasource-refresh-failed.");
            if (!definition.Introduced.IsOpenAt(api))
                throw ClientErrors.NotSupported(ErrorIds.EventNotSupportedByServer,
                    $"The event {definition.Name} needs REST API {ClientErrors.Format(definition.IntroducedInApi)} (Tableau Server {definition.IntroducedInTableau}) or later, but this session uses API {ClientErrors.Format(api)}.");
            return definition;
        }

        // Spaces around the value are what a CSV cell or a pasted value brings, not part of the URL: they are trimmed; the
        // rest of the value must pass DestinationUrlRule as it is.
        private static string ValidDestination(string? url)
        {
            var text = url?.Trim() ?? "";
            if (DestinationUrlRule.Check(text) is { } problem)
                throw ClientErrors.InvalidArgument(problem.ErrorId, $"The destination URL '{DestinationUrlRule.Display(text)}' {problem.Reason}");
            return text;
        }
    }
}
