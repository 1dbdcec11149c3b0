using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using System.Xml.Linq;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TableauServer.Simulator.Tests;

/// <summary>
/// Compares the simulator's XML with the real response documents in <c>&lt;repo&gt;/../shared/reference/fixtures</c>:
/// every element and attribute a fixture has must also appear in the simulator's answer (the simulator may add more,
/// e.g. isEnabled and event). Nothing is copied into the repo; the folder is read at run time when present.
/// </summary>
public sealed class FixtureShapeTests : SimulatorTest
{
    private readonly ITestOutputHelper output;

    public FixtureShapeTests(ITestOutputHelper output) => this.output = output;

    [SharedFixtureFact]
    public async Task Simulator_documents_have_the_structure_of_the_real_fixtures()
    {
        var fixtures = SharedFixtures.Folder!;

        var admin = await SignInAsync();
        using var signIn = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: SignInXml("admin", "admin", ""));
        using var signInError = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: SignInXml("admin", "wrong", ""));
        using var serverInfo = await SendAsync(HttpMethod.Get, $"api/{V}/serverInfo");
        using var unknown = await SendAsync(HttpMethod.Get, "api/2.3/serverInfo");
        using var create = await SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token,
            File.ReadAllText(Path.Combine(fixtures, "tsc_webhook_create_request.xml"))
                .Replace("webhook-source-event-api-event-name", "webhook-source-event-datasource-created")
                .Replace("url=\"url\"", $"url=\"{ReceiverUrl("fixture")}\""));
        var id = (await XmlAsync(create)).Element(Ns + "webhook")!.Attribute("id")!.Value;
        using var list = await SendAsync(HttpMethod.Get, Webhooks(admin), admin.Token);
        using var update = await SendAsync(HttpMethod.Put, $"{Webhooks(admin)}/{id}", admin.Token, "<tsRequest><webhook name=\"webhook-name-updated\" /></tsRequest>");

        var pairs = new (string Fixture, HttpResponseMessage Response)[]
        {
            ("tsc_auth_sign_in.xml", signIn),
            ("tsc_auth_sign_in_impersonate.xml", signIn),
            ("tsc_auth_sign_in_error.xml", signInError),
            ("tsc_server_info_get.xml", serverInfo),
            ("tsc_server_info_404.xml", unknown),
            ("tsc_webhook_create.xml", create),
            ("tsc_webhook_get.xml", list),
            ("tsc_webhook_get_new_event.xml", list),
            ("tsc_webhook_update.xml", update),
        };
        foreach (var (fixture, response) in pairs)
        {
            var expected = XmlShape.Of(XDocument.Load(Path.Combine(fixtures, fixture)).Root!);
            var text = await response.Content.ReadAsStringAsync();
            var actual = XmlShape.Of(XDocument.Parse(text).Root!);
            var missing = expected.Except(actual).ToList();
            Assert.True(missing.Count == 0, $"{fixture}: simulator response lacks {string.Join(", ", missing)}\n{text}");
            Assert.Equal(XmlDocumentNamespace(fixtures, fixture), XDocument.Parse(text).Root!.Name.NamespaceName);
            output.WriteLine($"{fixture}: {expected.Count} paths matched");
        }
    }

    private static string XmlDocumentNamespace(string fixtures, string fixture) =>
        XDocument.Load(Path.Combine(fixtures, fixture)).Root!.Name.NamespaceName;

    /// <summary>Walks up from the test binaries to the repository root (the folder with Directory.Build.props).</summary>
}
