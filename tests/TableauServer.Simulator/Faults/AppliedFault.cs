using Microsoft.AspNetCore.Http;

namespace TableauServer.Simulator.Faults;

/// <summary>
/// What the fault middleware did to a request, left in <see cref="HttpContext.Items"/> for the request log:
/// the fault's name, and whether the connection was dropped (no response, logged as status 0).
/// </summary>
internal sealed class AppliedFault
{
    private static readonly object Key = new();

    public string? Name { get; set; }
    public bool Dropped { get; set; }

    public static AppliedFault For(HttpContext http)
    {
        if (http.Items.TryGetValue(Key, out var existing) && existing is AppliedFault applied)
        {
            return applied;
        }

        var created = new AppliedFault();
        http.Items[Key] = created;
        return created;
    }
}
