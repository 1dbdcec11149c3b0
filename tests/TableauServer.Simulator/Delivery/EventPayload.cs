using System;
using System.Globalization;
using System.Text.Json;

namespace TableauServer.Simulator.Delivery;

/// <summary>The JSON body Tableau posts for an event (reference §5.2); the same keys for every event.</summary>
internal static class EventPayload
{
    public static string Create(string resource, string eventType, string resourceName, string siteLuid, string resourceLuid, DateTimeOffset createdAt) =>
        JsonSerializer.Serialize(new
        {
            resource,
            event_type = eventType,
            resource_name = resourceName,
            site_luid = siteLuid,
            resource_luid = resourceLuid,
            created_at = createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
}
