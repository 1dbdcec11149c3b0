using TableauServer.Simulator.Api;

namespace TableauServer.Simulator.Events;

/// <summary>
/// One trigger event: the new-style name (the <c>event</c> attribute and the payload's event_type),
/// the legacy <c>webhook-source</c> child element, and the payload's <c>resource</c>.
/// </summary>
internal sealed record WebhookEvent(string Name, string SourceElement, string Resource, ApiVersion MinApiVersion);
