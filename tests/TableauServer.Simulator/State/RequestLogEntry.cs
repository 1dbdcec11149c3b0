using System;

namespace TableauServer.Simulator;

/// <summary>One REST call. Deliberately holds no header values or bodies, so no secret can leak into logs.</summary>
public sealed record RequestLogEntry(string Method, string Path, int StatusCode, DateTimeOffset Time, bool HadAuthToken);
