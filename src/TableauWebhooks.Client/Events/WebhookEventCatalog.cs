using System;
using System.Collections.Generic;
using System.Linq;
using TableauWebhooks.Client.Versions;

namespace TableauWebhooks.Client.Events
{
    /// <summary>
    /// Tableau's webhook events (help.tableau.com "Webhooks Events and Payloads", 22 events) with both names.
    /// New and legacy names are not a mechanical transform (AdminPromoted = webhook-event-user-promoted-admin), hence a table.
    ///
    /// Introduction versions (ApiGates): the twelve datasource/workbook events and ViewDeleted shipped with webhooks
    /// (Webhooks); AdminPromoted/AdminDemoted came later (AdminEvents), as the events page states. For Label*, Site* and
    /// UserDeleted no source gives a version (UNVERIFIED): they exist only in the current table, which lists them by their
    /// event-attribute names, so we gate them at the event attribute's version (EventAttribute), the lowest we can defend.
    /// LabelDeleted's legacy name is printed "webhook-source-event-label-LabelDeleted" on the official page, almost certainly a
    /// typo; we send the regular form and accept the printed one as an alias on input.
    /// </summary>
    public static class WebhookEventCatalog
    {
        public static IReadOnlyList<WebhookEventDefinition> All { get; } = new[]
        {
            Define("AdminPromoted", "webhook-event-user-promoted-admin", "USER", ApiGates.AdminEvents, "A user was promoted to site administrator."),
            Define("AdminDemoted", "webhook-event-user-demoted-admin", "USER", ApiGates.AdminEvents, "A user was demoted from site administrator."),
            Define("DatasourceUpdated", "webhook-source-event-datasource-updated", "DATASOURCE", ApiGates.Webhooks, "A published data source was updated."),
            Define("DatasourceCreated", "webhook-source-event-datasource-created", "DATASOURCE", ApiGates.Webhooks, "A data source was published."),
            Define("DatasourceDeleted", "webhook-source-event-datasource-deleted", "DATASOURCE", ApiGates.Webhooks, "A published data source was deleted."),
            Define("DatasourceRefreshStarted", "webhook-source-event-datasource-refresh-started", "EXTRACTS", ApiGates.Webhooks, "A data source extract refresh started."),
            Define("DatasourceRefreshSucceeded", "webhook-source-event-datasource-refresh-succeeded", "EXTRACTS", ApiGates.Webhooks, "A data source extract refresh succeeded."),
            Define("DatasourceRefreshFailed", "webhook-source-event-datasource-refresh-failed", "EXTRACTS", ApiGates.Webhooks, "A data source extract refresh failed."),
            Define("LabelCreated", "webhook-source-event-label-created", "DATASOURCE/WORKBOOK", ApiGates.EventAttribute, "A data label was added to a data source or workbook."),
            Define("LabelUpdated", "webhook-source-event-label-updated", "DATASOURCE/WORKBOOK", ApiGates.EventAttribute, "A data label on a data source or workbook was changed."),
            Define("LabelDeleted", "webhook-source-event-label-deleted", "DATASOURCE/WORKBOOK", ApiGates.EventAttribute, "A data label was removed from a data source or workbook."),
            Define("SiteCreated", "webhook-source-event-site-created", "SITE", ApiGates.EventAttribute, "A site was created."),
            Define("SiteUpdated", "webhook-source-event-site-updated", "SITE", ApiGates.EventAttribute, "A site was updated."),
            Define("SiteDeleted", "webhook-source-event-site-deleted", "SITE", ApiGates.EventAttribute, "A site was deleted."),
            Define("UserDeleted", "webhook-source-event-user-deleted", "USER", ApiGates.EventAttribute, "A user was removed."),
            Define("ViewDeleted", "webhook-source-event-view-deleted", "VIEW", ApiGates.Webhooks, "A view was deleted."),
            Define("WorkbookUpdated", "webhook-source-event-workbook-updated", "WORKBOOK", ApiGates.Webhooks, "A workbook was updated."),
            Define("WorkbookCreated", "webhook-source-event-workbook-created", "WORKBOOK", ApiGates.Webhooks, "A workbook was published."),
            Define("WorkbookDeleted", "webhook-source-event-workbook-deleted", "WORKBOOK", ApiGates.Webhooks, "A workbook was deleted."),
            Define("WorkbookRefreshStarted", "webhook-source-event-workbook-refresh-started", "EXTRACTS", ApiGates.Webhooks, "A workbook extract refresh started."),
            Define("WorkbookRefreshSucceeded", "webhook-source-event-workbook-refresh-succeeded", "EXTRACTS", ApiGates.Webhooks, "A workbook extract refresh succeeded."),
            Define("WorkbookRefreshFailed", "webhook-source-event-workbook-refresh-failed", "EXTRACTS", ApiGates.Webhooks, "A workbook extract refresh failed."),
        };

        private static readonly Dictionary<string, WebhookEventDefinition> ByAnyName = BuildIndex();

        /// <summary>
        /// Finds an event by its new name, its legacy element name, or the legacy name without its prefix
        /// (datasource-refresh-failed, which older tools such as TSC took). Case-insensitive.
        /// </summary>
        public static bool TryFind(string? name, out WebhookEventDefinition definition)
        {
            definition = null!;
            if (string.IsNullOrWhiteSpace(name)) return false;
            return ByAnyName.TryGetValue(name!.Trim(), out definition!);
        }

        public static WebhookEventDefinition? Find(string? name) => TryFind(name, out var d) ? d : null;

        private static WebhookEventDefinition Define(string name, string legacy, string resource, ApiGate introduced, string description)
            => new WebhookEventDefinition(name, legacy, resource, introduced, description);

        private static Dictionary<string, WebhookEventDefinition> BuildIndex()
        {
            var index = new Dictionary<string, WebhookEventDefinition>(StringComparer.OrdinalIgnoreCase);
            foreach (var e in All)
            {
                index[e.Name] = e;
                index[e.LegacyName] = e;
                foreach (var prefix in new[] { "webhook-source-event-", "webhook-event-" })
                {
                    if (e.LegacyName.StartsWith(prefix, StringComparison.Ordinal))
                        index[e.LegacyName.Substring(prefix.Length)] = e;
                }
            }
            // The spelling printed on Tableau's events page (see the class comment).
            index["webhook-source-event-label-LabelDeleted"] = All.Single(e => e.Name == "LabelDeleted");
            return index;
        }
    }
}
