using System;
using System.Collections.Generic;
using System.Linq;
using TableauServer.Simulator.Api;

namespace TableauServer.Simulator.Events;

/// <summary>The 22 events of Tableau's current events table (reference §4.1).</summary>
internal static class WebhookEventCatalog
{
    private const string Src = "webhook-source-event-";

    public static readonly IReadOnlyList<WebhookEvent> All = new[]
    {
        // The admin events are the only ones with the shorter "webhook-event-" prefix, and need Server 2021.1 (API 3.11).
        new WebhookEvent("AdminPromoted", "webhook-event-user-promoted-admin", "USER", ApiVersion.AdminEvents),
        new WebhookEvent("AdminDemoted", "webhook-event-user-demoted-admin", "USER", ApiVersion.AdminEvents),
        Event("DatasourceUpdated", "datasource-updated", "DATASOURCE"),
        Event("DatasourceCreated", "datasource-created", "DATASOURCE"),
        Event("DatasourceDeleted", "datasource-deleted", "DATASOURCE"),
        Event("DatasourceRefreshStarted", "datasource-refresh-started", "EXTRACTS"),
        Event("DatasourceRefreshSucceeded", "datasource-refresh-succeeded", "EXTRACTS"),
        Event("DatasourceRefreshFailed", "datasource-refresh-failed", "EXTRACTS"),
        // Label events are documented with resource "DATASOURCE/WORKBOOK"; deliveries default to DATASOURCE
        // unless the control API's event request names the resource.
        Event("LabelCreated", "label-created", "DATASOURCE"),
        Event("LabelUpdated", "label-updated", "DATASOURCE"),
        // The official table prints "webhook-source-event-label-LabelDeleted" (a typo); we emit
        // "...-label-deleted" and accept both on input.
        Event("LabelDeleted", "label-deleted", "DATASOURCE"),
        Event("SiteCreated", "site-created", "SITE"),
        Event("SiteUpdated", "site-updated", "SITE"),
        Event("SiteDeleted", "site-deleted", "SITE"),
        Event("UserDeleted", "user-deleted", "USER"),
        Event("ViewDeleted", "view-deleted", "VIEW"),
        Event("WorkbookUpdated", "workbook-updated", "WORKBOOK"),
        Event("WorkbookCreated", "workbook-created", "WORKBOOK"),
        Event("WorkbookDeleted", "workbook-deleted", "WORKBOOK"),
        Event("WorkbookRefreshStarted", "workbook-refresh-started", "EXTRACTS"),
        Event("WorkbookRefreshSucceeded", "workbook-refresh-succeeded", "EXTRACTS"),
        Event("WorkbookRefreshFailed", "workbook-refresh-failed", "EXTRACTS"),
    };

    private static readonly Dictionary<string, WebhookEvent> BySourceElement = BuildSourceIndex();

    public static WebhookEvent? FindByName(string name) =>
        All.FirstOrDefault(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public static WebhookEvent? FindBySourceElement(string element) =>
        BySourceElement.TryGetValue(element, out var found) ? found : null;

    /// <summary>Accepts either form, as the control API does.</summary>
    public static WebhookEvent? Find(string nameOrElement) => FindByName(nameOrElement) ?? FindBySourceElement(nameOrElement);

    private static WebhookEvent Event(string name, string suffix, string resource) =>
        new(name, Src + suffix, resource, ApiVersion.Webhooks);

    private static Dictionary<string, WebhookEvent> BuildSourceIndex()
    {
        var index = All.ToDictionary(e => e.SourceElement, StringComparer.OrdinalIgnoreCase);
        index[Src + "label-LabelDeleted"] = index[Src + "label-deleted"];
        return index;
    }
}
