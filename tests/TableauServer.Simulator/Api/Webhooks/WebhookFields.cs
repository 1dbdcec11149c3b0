using TableauServer.Simulator.Events;

namespace TableauServer.Simulator.Api.Webhooks;

/// <summary>
/// The attributes a Create/Update body carried, already validated one by one. Null means "not in the body",
/// which is what makes Update partial.
/// </summary>
internal sealed record WebhookFields(
    string? Name,
    WebhookEvent? Event,
    string? Url,
    bool? IsEnabled,
    string? StatusChangeReason);
