using System;

namespace TableauServer.Simulator.Control;

/// <summary>
/// Body of POST /_simulator/faults/enqueue, e.g. <c>{"kind":"DropAfterActing","method":"POST","pathContains":"/webhooks"}</c>.
/// <c>Delay</c> ("00:00:02") is for Latency.
/// </summary>
internal sealed record EnqueueFaultRequest(FaultKind? Kind, string? Method, string? PathContains, TimeSpan? Delay);
