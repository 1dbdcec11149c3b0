using System;

namespace TableauServer.Simulator;

/// <summary>An immutable copy of one stored webhook. <see cref="Event"/> is the new-style name (e.g. WorkbookCreated).</summary>
public sealed record WebhookSnapshot(
    string Id,
    string SiteId,
    string Name,
    string Event,
    string SourceElement,
    string Url,
    bool IsEnabled,
    string StatusChangeReason,
    string OwnerId,
    string OwnerName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
