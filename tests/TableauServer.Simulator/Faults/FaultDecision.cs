using System;

namespace TableauServer.Simulator.Faults;

/// <summary>
/// What happens to one /api request: a delay before it is handled (global latency plus a Latency fault)
/// and at most one fault. Also carries the Retry-After settings in force when it was decided.
/// </summary>
internal sealed record FaultDecision(TimeSpan Delay, FaultKind? Kind, int RetryAfterSeconds, bool RetryAfterAsHttpDate);
