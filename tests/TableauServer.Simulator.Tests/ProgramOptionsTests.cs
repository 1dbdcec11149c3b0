using System;
using Xunit;

namespace TableauServer.Simulator.Tests;

public sealed class ProgramOptionsTests
{
    [Fact]
    public void Command_line_binds_simulator_options_and_urls()
    {
        var options = Program.BindOptions(new[]
        {
            "--urls", "http://127.0.0.1:9999",
            "--Simulator:ProductVersion=2019.4",
            "--Simulator:UpdateWebhookStatusCode=200",
            "--Simulator:SessionLifetime=00:00:30",
            "--Simulator:IgnoreAcceptHeader=true",
        });

        Assert.Equal("http://127.0.0.1:9999", options.ListenUrl);
        Assert.Equal("2019.4", options.ProductVersion);
        Assert.Equal(200, options.UpdateWebhookStatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SessionLifetime);
        Assert.True(options.IgnoreAcceptHeader);
        Assert.Equal(2, options.Sites.Count); // the seed is kept
    }

    [Fact]
    public void Command_line_binds_trusted_certificate_files_and_retry_timing()
    {
        var options = Program.BindOptions(new[]
        {
            "--Simulator:TrustedCertificateFiles:0=/certs/destination.pem",
            "--Simulator:TrustedCertificateFiles:1=/certs/other.cer",
            "--Simulator:DeliveryRetryDelay=00:00:00.250",
        });

        Assert.Equal(new[] { "/certs/destination.pem", "/certs/other.cer" }, options.TrustedCertificateFiles);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.DeliveryRetryDelay);
    }

    [Fact]
    public void Default_seed_is_the_documented_contract()
    {
        var options = SimulatorOptions.CreateDefault();

        Assert.Equal(new[] { ("Default", ""), ("Finance", "finance") }, options.Sites.ConvertAll(s => (s.Name, s.ContentUrl)));
        Assert.Contains(options.Users, u => u is { Name: "admin", Password: "admin", SiteRole: "ServerAdministrator", SiteContentUrls: null });
        Assert.Contains(options.Users, u => u is { Name: "viewer", Password: "viewer", SiteRole: "Viewer", SiteContentUrls: null });
        Assert.Contains(options.Users, u => u.Name == "siteadmin" && u.SiteRole == "SiteAdministratorCreator" && u.SiteContentUrls!.Count == 1);
        var token = Assert.Single(options.PersonalAccessTokens);
        Assert.Equal(("admin-pat", "admin-pat-secret", "admin"), (token.Name, token.Secret, token.UserName));
        Assert.Equal("simulator-connected-app", options.ConnectedApp.ClientId);
        Assert.Equal("simulator-secret-id", options.ConnectedApp.SecretId);
        Assert.Equal("simulator-secret-value-0123456789abcdef", options.ConnectedApp.SecretValue);
        Assert.Equal("2025.3.0", options.ProductVersion);
        Assert.Equal(TimeSpan.FromMinutes(240), options.SessionLifetime);
        Assert.Equal(201, options.UpdateWebhookStatusCode);
        Assert.False(options.IgnoreAcceptHeader);
        Assert.Empty(options.TrustedCertificateFiles);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.DeliveryRetryDelay);
    }
}
