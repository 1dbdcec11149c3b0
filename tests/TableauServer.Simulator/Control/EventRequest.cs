namespace TableauServer.Simulator.Control;

/// <summary>
/// Body of POST /_simulator/events. <c>Site</c> is a content URL or site id, <c>Event</c> a new-style name or a
/// legacy element name. <c>Resource</c> overrides the payload's resource (label events: DATASOURCE or WORKBOOK).
/// </summary>
internal sealed record EventRequest(string? Site, string? Event, string? ResourceName, string? ResourceId, string? Resource);
