using System;
using System.Collections.Generic;

namespace TableauServer.Simulator;

/// <summary>A user who can sign in. One site role for every site the user belongs to.</summary>
public sealed class SimulatedUser
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public string Name { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>ServerAdministrator | SiteAdministratorCreator | SiteAdministratorExplorer | Creator | Explorer | Viewer | ...</summary>
    public string SiteRole { get; set; } = "Viewer";

    /// <summary>Content URLs of the sites the user belongs to; null means every site.</summary>
    public List<string>? SiteContentUrls { get; set; }

    internal bool BelongsTo(SimulatedSite site) =>
        SiteContentUrls is null || SiteContentUrls.Exists(url => string.Equals(url, site.ContentUrl, StringComparison.OrdinalIgnoreCase));

    /// <summary>Only server administrators may query every site of the server.</summary>
    internal bool IsServerAdministrator => SiteRole.Equals("ServerAdministrator", StringComparison.OrdinalIgnoreCase);

    /// <summary>Server admins and site admins may manage webhooks (reference §1).</summary>
    internal bool IsAdministrator =>
        SiteRole.Equals("ServerAdministrator", StringComparison.OrdinalIgnoreCase)
        || SiteRole.StartsWith("SiteAdministrator", StringComparison.OrdinalIgnoreCase);
}
