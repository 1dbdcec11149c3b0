using System;
using System.Collections.Generic;

namespace TableauServer.Simulator;

/// <summary>One POST the built-in receiver got, and the status it answered with.</summary>
public sealed record ReceivedDelivery(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int ResponseStatus,
    DateTimeOffset ReceivedAt);
