using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TableauServer.Simulator.Delivery;
using TableauServer.Simulator.Events;
using TableauServer.Simulator.Hosting;

namespace TableauServer.Simulator.Control;

/// <summary>
/// The simulator's own JSON API under /_simulator/ (loopback only): inspect what happened, reset, fire events,
/// make the REST API misbehave (<see cref="FaultEndpoints"/>) and trust destination certificates
/// (<see cref="TrustedCertificateEndpoints"/>).
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimulatorRuntime runtime)
    {
        var control = app.MapGroup("/_simulator").AddEndpointFilter(LoopbackOnly.FilterAsync);
        var state = runtime.State;

        control.MapGet("/receiver", () => Results.Json(new { receiverBaseUrl = runtime.ReceiverBaseUrl.ToString() }));
        control.MapGet("/deliveries", () => Results.Json(state.Deliveries));
        control.MapGet("/requests", () => Results.Json(state.RequestLog));
        control.MapPost("/reset", () =>
        {
            state.Reset();
            return Results.NoContent();
        });
        control.MapPost("/events", (EventRequest request, CancellationToken cancellationToken) => FireEventAsync(runtime, request, cancellationToken));
        FaultEndpoints.Map(control, state);
        TrustedCertificateEndpoints.Map(control, runtime);
    }

    private static async Task<IResult> FireEventAsync(SimulatorRuntime runtime, EventRequest request, CancellationToken cancellationToken)
    {
        var siteKey = request.Site ?? "";
        var site = runtime.State.FindSiteByContentUrl(siteKey) ?? runtime.State.FindSiteById(siteKey);
        if (site is null)
        {
            return Results.BadRequest(new { error = $"Unknown site '{siteKey}'." });
        }

        var trigger = WebhookEventCatalog.Find(request.Event ?? "");
        if (trigger is null)
        {
            return Results.BadRequest(new { error = $"Unknown event '{request.Event}'." });
        }

        var payload = EventPayload.Create(
            request.Resource ?? trigger.Resource,
            trigger.Name,
            request.ResourceName ?? "Simulated " + trigger.Resource.ToLowerInvariant(),
            site.Id,
            request.ResourceId ?? Guid.NewGuid().ToString(),
            DateTimeOffset.UtcNow);
        var results = await runtime.Dispatcher.DispatchAsync(site, trigger, payload, cancellationToken);
        return Results.Json(new
        {
            @event = trigger.Name,
            site = site.ContentUrl,
            payload,
            deliveries = results.Select(r => new
            {
                webhookId = r.WebhookId,
                url = r.Url,
                attempts = r.AttemptStatuses.Count,
                statuses = r.AttemptStatuses,
                delivered = r.Delivered,
                disabled = r.Disabled,
                lastFailure = r.LastFailure,
            }),
        });
    }
}
