using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TableauServer.Simulator.Faults;
using TableauServer.Simulator.State;

namespace TableauServer.Simulator.Control;

/// <summary>
/// Fault injection over HTTP, for clients that are not in-process (e.g. PowerShell tests):
/// GET/PUT/DELETE /faults, POST /faults/enqueue, POST /tokens/{name}/sign-in-elsewhere.
/// Bodies are read by hand with <see cref="FaultJson"/> so kinds travel as names without changing the app's JSON settings.
/// </summary>
internal static class FaultEndpoints
{
    public static void Map(RouteGroupBuilder control, SimulatorState state)
    {
        var injector = state.FaultInjector;

        control.MapGet("/faults", () => Results.Json(injector.Current, FaultJson.Options));
        control.MapPut("/faults", async (HttpContext http) =>
        {
            var faults = await ControlJson.ReadAsync<FaultOptions>(http, FaultJson.Options);
            if (faults is null)
            {
                return Results.BadRequest(new { error = "The body must be a JSON object shaped like FaultOptions." });
            }

            try
            {
                injector.Set(faults);
            }
            catch (ArgumentException ex)
            {
                return Results.BadRequest(new { error = ex.Message });
            }

            return Results.Json(injector.Current, FaultJson.Options);
        });
        control.MapDelete("/faults", () =>
        {
            injector.Clear();
            return Results.NoContent();
        });
        control.MapPost("/faults/enqueue", async (HttpContext http) =>
        {
            var request = await ControlJson.ReadAsync<EnqueueFaultRequest>(http, FaultJson.Options);
            if (request?.Kind is not FaultKind kind || !Enum.IsDefined(kind))
            {
                return Results.BadRequest(new { error = "The body needs a kind: one of " + string.Join(", ", Enum.GetNames<FaultKind>()) + "." });
            }

            injector.Enqueue(new QueuedFault(kind, request.Method, request.PathContains, request.Delay));
            return Results.Json(new { queued = injector.QueuedCount }, FaultJson.Options);
        });
        control.MapPost("/tokens/{name}/sign-in-elsewhere", (string name) =>
        {
            if (state.FindAccessToken(name) is null)
            {
                return Results.NotFound(new { error = $"No personal access token '{name}'." });
            }

            var ended = state.Sessions.EndForAccessToken(name);
            return Results.Json(new { sessionEnded = ended });
        });
    }
}
