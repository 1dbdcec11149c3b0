using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TableauServer.Simulator.Api.Webhooks;
using TableauServer.Simulator.State;
using TableauServer.Simulator.Wire;

namespace TableauServer.Simulator.Api.Endpoints;

/// <summary>The six webhook methods. All need a session on the URI's site and an administrator.</summary>
internal static class WebhookEndpoints
{
    private const string Collection = "sites/{siteId}/webhooks";
    private const string Item = Collection + "/{webhookId}";

    public static IEnumerable<RestRoute> Routes()
    {
        yield return new RestRoute("POST", Collection, ApiVersion.Webhooks, CreateAsync);
        yield return new RestRoute("GET", Collection, ApiVersion.Webhooks, ListAsync);
        yield return new RestRoute("GET", Item, ApiVersion.Webhooks, GetAsync);
        yield return new RestRoute("PUT", Item, ApiVersion.UpdateWebhook, UpdateAsync);
        yield return new RestRoute("DELETE", Item, ApiVersion.Webhooks, DeleteAsync);
        yield return new RestRoute("GET", Item + "/test", ApiVersion.Webhooks, TestAsync);
    }

    private static async Task CreateAsync(RestRequest request)
    {
        var (session, site) = Authorize(request);
        var fields = WebhookRequestReader.Read(await request.ReadBodyAsync(), request.Runtime.RestApiVersion);
        var webhook = WebhookRules.Create(fields, site, session.User);
        request.State.WebhookStore.Add(webhook);
        request.Http.Response.Headers.Location = $"/api/{request.Version}/sites/{site.Id}/webhooks/{webhook.Id}";
        await request.RespondAsync(201, WebhookDocument.For(webhook, request.Runtime.RestApiVersion));
    }

    // No <pagination> element: the documented response and the XSD have none (reference §6.8).
    private static Task ListAsync(RestRequest request)
    {
        var (_, site) = Authorize(request);
        var list = new WireElement("webhooks") { ChildrenAreList = true };
        foreach (var webhook in request.State.WebhookStore.ForSite(site.Id))
        {
            list.Add(WebhookDocument.For(webhook, request.Runtime.RestApiVersion));
        }

        return request.RespondAsync(200, list);
    }

    private static Task GetAsync(RestRequest request)
    {
        var (_, site) = Authorize(request);
        var webhook = request.State.WebhookStore.Find(site.Id, request["webhookId"]) ?? throw ApiErrors.WebhookNotFound(request["webhookId"]);
        return request.RespondAsync(200, WebhookDocument.For(webhook, request.Runtime.RestApiVersion));
    }

    private static async Task UpdateAsync(RestRequest request)
    {
        var (_, site) = Authorize(request);
        var id = request["webhookId"];
        _ = request.State.WebhookStore.Find(site.Id, id) ?? throw ApiErrors.WebhookNotFound(id);
        var fields = WebhookRequestReader.Read(await request.ReadBodyAsync(), request.Runtime.RestApiVersion);
        var updated = request.State.WebhookStore.Update(site.Id, id, current => WebhookRules.Update(current, fields))
            ?? throw ApiErrors.WebhookNotFound(id);
        await request.RespondAsync(request.Runtime.Options.UpdateWebhookStatusCode, WebhookDocument.For(updated, request.Runtime.RestApiVersion));
    }

    private static Task DeleteAsync(RestRequest request)
    {
        var (_, site) = Authorize(request);
        if (!request.State.WebhookStore.Remove(site.Id, request["webhookId"]))
        {
            throw ApiErrors.WebhookNotFound(request["webhookId"]);
        }

        return request.RespondNoContentAsync();
    }

    /// <summary>
    /// Really POSTs to the destination. The outer call is 200 whatever the destination said; the destination's
    /// status and body are inside webhookTestResult (as in the real 404/408 results users reported).
    /// JSON shape {"webhookTestResult":{"id","status":number,"body":string}} is UNVERIFIED.
    /// </summary>
    private static async Task TestAsync(RestRequest request)
    {
        var (_, site) = Authorize(request);
        var webhook = request.State.WebhookStore.Find(site.Id, request["webhookId"])
            ?? throw ApiErrors.WebhookTestTargetNotFound(request["webhookId"]);
        var (status, body) = await request.Runtime.Tester.TestAsync(webhook, request.Http.RequestAborted);
        var result = new WireElement("webhookTestResult").Attr("id", webhook.Id).Attr("status", status)
            .Add(new WireElement("body") { Text = body });
        await request.RespondAsync(200, result);
    }

    private static (Session Session, SimulatedSite Site) Authorize(RestRequest request)
    {
        var session = Authentication.RequireSession(request);
        var site = Authentication.RequireSite(request, session, request["siteId"]);
        Authentication.RequireAdministrator(session);
        return (session, site);
    }
}
