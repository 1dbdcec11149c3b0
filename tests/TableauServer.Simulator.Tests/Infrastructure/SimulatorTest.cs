using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit;

namespace TableauServer.Simulator.Tests.Infrastructure;

/// <summary>
/// Base for tests: a fresh simulator per test (xunit makes one class instance per test) and a raw HttpClient.
/// Request bodies are written by hand in the tests, so the wire format itself is under test.
/// </summary>
public abstract class SimulatorTest : IAsyncLifetime
{
    protected static readonly XNamespace Ns = "http://tableau.com/api";

    protected SimulatorHost Host { get; private set; } = null!;
    protected HttpClient Http { get; private set; } = null!;

    /// <summary>The server's own REST API version, used in URIs.</summary>
    protected string V => Host.RestApiVersion;

    protected virtual void Configure(SimulatorOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        var options = SimulatorOptions.CreateDefault();
        Configure(options);
        Host = await SimulatorHost.StartAsync(options);
        Http = new HttpClient { BaseAddress = Host.BaseUrl, Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    protected Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string? token = null, string? body = null, string contentType = "application/xml", bool acceptJson = false)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Add("X-Tableau-Auth", token);
        }

        if (acceptJson)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return Http.SendAsync(request);
    }

    protected Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string? token, string? body = null) =>
        SendAsync(method, path, token, body, "application/json", acceptJson: true);

    protected static string SignInXml(string name, string password, string site) =>
        $"<tsRequest><credentials name=\"{name}\" password=\"{password}\"><site contentUrl=\"{site}\" /></credentials></tsRequest>";

    protected async Task<Credentials> SignInAsync(string name = "admin", string password = "admin", string site = "")
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: SignInXml(name, password, site));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ReadCredentials(await XmlAsync(response));
    }

    /// <summary>Signs in with the seeded personal access token admin-pat.</summary>
    protected async Task<Credentials> SignInWithPatAsync()
    {
        const string body = "<tsRequest><credentials personalAccessTokenName=\"admin-pat\" personalAccessTokenSecret=\"admin-pat-secret\"><site contentUrl=\"\" /></credentials></tsRequest>";
        using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ReadCredentials(await XmlAsync(response));
    }

    protected static Credentials ReadCredentials(XElement root)
    {
        var credentials = root.Element(Ns + "credentials")!;
        var site = credentials.Element(Ns + "site")!;
        return new Credentials(
            credentials.Attribute("token")!.Value,
            site.Attribute("id")!.Value,
            site.Attribute("contentUrl")!.Value,
            credentials.Element(Ns + "user")!.Attribute("id")!.Value);
    }

    protected string Webhooks(Credentials credentials, string? version = null) => $"api/{version ?? V}/sites/{credentials.SiteId}/webhooks";

    protected string ReceiverUrl(string suffix) => new Uri(Host.ReceiverBaseUrl, suffix).ToString();

    protected static string CreateXml(string name, string url, string? eventName = null, string? sourceElement = null, string extraAttributes = "")
    {
        var eventAttribute = eventName is null ? "" : $" event=\"{eventName}\"";
        var source = sourceElement is null ? "" : $"<webhook-source><{sourceElement} /></webhook-source>";
        return $"<tsRequest><webhook name=\"{name}\"{eventAttribute}{extraAttributes}>{source}"
            + $"<webhook-destination><webhook-destination-http method=\"POST\" url=\"{url}\" /></webhook-destination></webhook></tsRequest>";
    }

    /// <summary>Creates a webhook through the API (XML) and returns its id.</summary>
    protected async Task<string> CreateWebhookAsync(Credentials credentials, string name = "hook", string eventName = "WorkbookCreated", string? url = null)
    {
        using var response = await SendAsync(HttpMethod.Post, Webhooks(credentials), credentials.Token, CreateXml(name, url ?? ReceiverUrl("created"), eventName));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await XmlAsync(response)).Element(Ns + "webhook")!.Attribute("id")!.Value;
    }

    /// <summary>Fires an event through <c>POST /_simulator/events</c> and returns its summary (deliveries per webhook).</summary>
    protected async Task<JsonElement> FireEventAsync(string json)
    {
        using var response = await Http.PostAsync("_simulator/events", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    protected static async Task<XElement> XmlAsync(HttpResponseMessage response) =>
        XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an XML error document: status, code, and (optionally) summary.</summary>
    protected static async Task<XElement> AssertXmlErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? summary = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/xml", response.Content.Headers.ContentType?.ToString());
        var error = (await XmlAsync(response)).Element(Ns + "error")!;
        Assert.Equal(code, error.Attribute("code")!.Value);
        if (summary is not null)
        {
            Assert.Equal(summary, error.Element(Ns + "summary")!.Value);
        }

        Assert.False(string.IsNullOrWhiteSpace(error.Element(Ns + "detail")!.Value));
        return error;
    }

    protected static async Task<JsonElement> AssertJsonErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        var error = (await JsonAsync(response)).GetProperty("error");
        Assert.Equal(JsonValueKind.String, error.GetProperty("code").ValueKind);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("summary").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("detail").GetString()));
        return error;
    }
}
