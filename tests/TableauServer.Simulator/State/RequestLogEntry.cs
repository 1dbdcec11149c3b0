using System;

namespace TableauServer.Simulator;

/// <summary>
/// One REST call. Deliberately holds no header values or bodies, so no secret can leak into logs.
/// <paramref name="Fault"/> names the <see cref="FaultKind"/> injected into it (null if none); a dropped
/// connection is logged with status 0 because no response was sent.
/// </summary>
public sealed record RequestLogEntry(string Method, string Path, int StatusCode, DateTimeOffset Time, bool HadAuthToken, string? Fault = null);
