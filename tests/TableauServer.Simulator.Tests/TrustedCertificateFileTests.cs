using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

/// <summary><see cref="SimulatorOptions.TrustedCertificateFiles"/>: certificates trusted from startup, from PEM and DER files.</summary>
public sealed class TrustedCertificateFileTests : SimulatorTest, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("simulator-trust-").FullName;
    private readonly X509Certificate2 pemCertificate = TestCertificates.ForLoopback();
    private readonly X509Certificate2 derCertificate = TestCertificates.ForLoopback();

    protected override void Configure(SimulatorOptions options)
    {
        var pemFile = Path.Combine(folder, "destination.pem");
        var derFile = Path.Combine(folder, "destination.cer");
        File.WriteAllText(pemFile, pemCertificate.ExportCertificatePem());
        File.WriteAllBytes(derFile, derCertificate.RawData);
        options.TrustedCertificateFiles.Add(pemFile);
        options.TrustedCertificateFiles.Add(derFile);
    }

    public void Dispose()
    {
        pemCertificate.Dispose();
        derCertificate.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private async Task<string> TestWebhookStatusAsync(string url)
    {
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin, url: url);
        using var response = await SendAsync(HttpMethod.Get, $"{Webhooks(admin)}/{id}/test", admin.Token);
        return (await XmlAsync(response)).Element(Ns + "webhookTestResult")!.Attribute("status")!.Value;
    }

    [Fact]
    public async Task Certificates_in_the_files_are_trusted_from_startup()
    {
        await using var pemDestination = await HttpsDestination.StartAsync(pemCertificate);
        await using var derDestination = await HttpsDestination.StartAsync(derCertificate);

        Assert.Equal(new[] { TestCertificates.Sha256Thumbprint(pemCertificate), TestCertificates.Sha256Thumbprint(derCertificate) },
            Host.State.TrustedCertificateThumbprints);
        Assert.Equal("200", await TestWebhookStatusAsync(pemDestination.Url("from-pem-file")));
        Assert.Equal("200", await TestWebhookStatusAsync(derDestination.Url("from-der-file")));
        Assert.Single(pemDestination.Received);
        Assert.Single(derDestination.Received);
    }

    [Fact]
    public async Task Delete_forgets_the_files_too_and_reset_brings_them_back()
    {
        await using var destination = await HttpsDestination.StartAsync(pemCertificate);

        using (var delete = await Http.DeleteAsync("_simulator/trusted-certificates"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Empty(Host.State.TrustedCertificateThumbprints);
        Assert.Equal("408", await TestWebhookStatusAsync(destination.Url("after-delete")));

        using (var reset = await Http.PostAsync("_simulator/reset", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        Assert.Equal(2, Host.State.TrustedCertificateThumbprints.Count);
        Assert.Equal("200", await TestWebhookStatusAsync(destination.Url("after-reset")));
    }

    [Theory]
    [InlineData("missing.pem", null, "cannot be read")]
    [InlineData("junk.pem", "this is not a certificate", "neither PEM nor base64")]
    [InlineData("empty.crt", "", "No certificate given")]
    public async Task An_unreadable_file_fails_startup_and_names_the_file(string name, string? content, string expectedMessage)
    {
        var path = Path.Combine(folder, name);
        if (content is not null)
        {
            File.WriteAllText(path, content);
        }

        var options = SimulatorOptions.CreateDefault();
        options.TrustedCertificateFiles.Add(path);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SimulatorHost.StartAsync(options));

        Assert.Contains(path, error.Message);
        Assert.Contains(expectedMessage, error.Message);
    }
}
