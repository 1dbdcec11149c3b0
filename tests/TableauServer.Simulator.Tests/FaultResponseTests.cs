using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

/// <summary>Faults that answer: what the client gets, and whether the server acted.</summary>
public sealed class FaultResponseTests : SimulatorTest
{
    private Task<HttpResponseMessage> CreateAsync(Credentials admin, string name = "hook") =>
        SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token, CreateXml(name, ReceiverUrl("x"), "WorkbookCreated"));

    [Fact]
    public async Task Throttle_is_429_with_retry_after_seconds_and_a_429000_document_and_does_not_act()
    {
        var admin = await SignInAsync();
        Host.SetFaults(new FaultOptions { RetryAfterSeconds = 7 });
        Host.EnqueueFault(FaultKind.Throttle, "POST", "/webhooks");

        using var response = await CreateAsync(admin);

        await AssertXmlErrorAsync(response, (HttpStatusCode)429, "429000", "Too Many Requests");
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
        Assert.Empty(Host.State.Webhooks);
        Assert.Equal((429, "Throttle"), (Host.State.RequestLog[1].StatusCode, Host.State.RequestLog[1].Fault));
    }

    [Fact]
    public async Task Throttle_in_json_with_retry_after_as_http_date()
    {
        var admin = await SignInAsync();
        Host.SetFaults(new FaultOptions { RetryAfterSeconds = 30, RetryAfterAsHttpDate = true });
        Host.EnqueueFault(FaultKind.Throttle);

        using var response = await SendJsonAsync(HttpMethod.Get, Webhooks(admin), admin.Token);

        await AssertJsonErrorAsync(response, (HttpStatusCode)429, "429000");
        var date = response.Headers.RetryAfter?.Date;
        Assert.NotNull(date);
        Assert.InRange(date!.Value, DateTimeOffset.UtcNow.AddSeconds(25), DateTimeOffset.UtcNow.AddSeconds(32));
        Assert.EndsWith("GMT", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Service_unavailable_is_503_with_retry_after_zero_and_a_503000_document_and_does_not_act()
    {
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin);
        Host.SetFaults(new FaultOptions { RetryAfterSeconds = 0 });
        Host.EnqueueFault(FaultKind.ServiceUnavailable, "DELETE");

        using var response = await SendAsync(HttpMethod.Delete, $"{Webhooks(admin)}/{id}", admin.Token);

        await AssertXmlErrorAsync(response, HttpStatusCode.ServiceUnavailable, "503000", "Service Unavailable");
        Assert.Equal("0", response.Headers.GetValues("Retry-After").Single());
        Assert.Single(Host.State.Webhooks);
    }

    [Theory]
    [InlineData(FaultKind.BadGateway, 502, "502 Bad Gateway")]
    [InlineData(FaultKind.GatewayTimeout, 504, "504 Gateway Time-out")]
    public async Task Proxy_errors_are_html_pages_and_do_not_act(FaultKind kind, int status, string title)
    {
        var admin = await SignInAsync();
        Host.EnqueueFault(kind, "POST");

        using var response = await CreateAsync(admin);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString());
        Assert.Contains($"<title>{title}</title>", await response.Content.ReadAsStringAsync());
        Assert.Empty(Host.State.Webhooks);
    }

    [Fact]
    public async Task Html_page_is_a_200_login_page_and_sign_in_does_not_happen()
    {
        Host.EnqueueFault(FaultKind.HtmlPage);

        using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: SignInXml("admin", "admin", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("<form", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, Host.State.ActiveSessionCount);
        Assert.Empty(Host.State.IssuedTokens);
    }

    [Fact]
    public async Task Redirect_to_login_is_a_302_to_a_logged_login_page_and_sign_in_does_not_happen()
    {
        Host.EnqueueFault(FaultKind.RedirectToLogin, "POST", "/auth/signin");
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = Host.BaseUrl };

        using var response = await noRedirects.PostAsync($"api/{V}/auth/signin", new StringContent(SignInXml("admin", "admin", ""), System.Text.Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(new Uri(Host.BaseUrl, $"sso/login?target=%2Fapi%2F{V}%2Fauth%2Fsignin"), response.Headers.Location);
        Assert.Empty(Host.State.IssuedTokens);
        Assert.Equal((302, "RedirectToLogin"), (Host.State.RequestLog[0].StatusCode, Host.State.RequestLog[0].Fault));

        using var page = await noRedirects.PostAsync(response.Headers.Location, new StringContent("username=admin&password=admin"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form", await page.Content.ReadAsStringAsync());
        Assert.Equal(("POST", "/sso/login", 200), (Host.State.RequestLog[1].Method, Host.State.RequestLog[1].Path, Host.State.RequestLog[1].StatusCode));
    }

    [Fact]
    public async Task Truncated_body_is_about_half_of_the_real_one_and_the_server_acted()
    {
        using (var normal = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: SignInXml("admin", "admin", "")))
        {
            var fullLength = (await normal.Content.ReadAsByteArrayAsync()).Length;
            Host.EnqueueFault(FaultKind.TruncatedBody);

            using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: SignInXml("admin", "admin", ""));
            var body = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("application/xml", response.Content.Headers.ContentType?.ToString());
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
            Assert.InRange(body.Length, fullLength / 2 - 2, fullLength / 2 + 2);
            Assert.ThrowsAny<XmlException>(() => XDocument.Parse(System.Text.Encoding.UTF8.GetString(body)));
        }

        Assert.Equal(2, Host.State.IssuedTokens.Count); // the truncated sign-in still opened a session
    }

    [Fact]
    public async Task Malformed_body_is_neither_xml_nor_json_with_the_normal_content_type_and_the_server_acted()
    {
        var admin = await SignInAsync();
        Host.EnqueueFault(FaultKind.MalformedBody, "POST");

        using var xml = await CreateAsync(admin, "xml");
        var xmlBody = await xml.Content.ReadAsStringAsync();
        Host.EnqueueFault(FaultKind.MalformedBody, "POST");
        using var json = await SendJsonAsync(HttpMethod.Post, Webhooks(admin), admin.Token,
            $"{{\"webhook\":{{\"name\":\"json\",\"event\":\"WorkbookCreated\",\"webhook-destination\":{{\"webhook-destination-http\":{{\"method\":\"POST\",\"url\":\"{ReceiverUrl("j")}\"}}}}}}}}");
        var jsonBody = await json.Content.ReadAsStringAsync();

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (xml.StatusCode, json.StatusCode));
        Assert.StartsWith("application/xml", xml.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("application/json", json.Content.Headers.ContentType?.ToString());
        foreach (var body in new[] { xmlBody, jsonBody })
        {
            Assert.NotEmpty(body);
            Assert.ThrowsAny<XmlException>(() => XDocument.Parse(body));
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        }

        Assert.Equal(new[] { "xml", "json" }, Host.State.Webhooks.Select(w => w.Name));
    }

    [Fact]
    public async Task Empty_body_keeps_status_and_content_type_and_the_server_acted()
    {
        var admin = await SignInAsync();
        Host.EnqueueFault(FaultKind.EmptyBody, "POST", "/webhooks");

        using var response = await CreateAsync(admin);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("application/xml", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Single(Host.State.Webhooks);
    }

    [Fact]
    public async Task Body_faults_leave_a_204_without_body()
    {
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin);
        Host.EnqueueFault(FaultKind.MalformedBody, "DELETE");

        using var response = await SendAsync(HttpMethod.Delete, $"{Webhooks(admin)}/{id}", admin.Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(Host.State.Webhooks);
    }
}
