namespace TableauServer.Simulator.Tests.Infrastructure;

/// <summary>What a sign-in returned.</summary>
public sealed record Credentials(string Token, string SiteId, string SiteContentUrl, string UserId);
