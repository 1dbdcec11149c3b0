using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

/// <summary>IgnoreAcceptHeader: XML answers to a client that asks for JSON, as behind a proxy that drops Accept.</summary>
public sealed class IgnoreAcceptHeaderTests : SimulatorTest
{
    protected override void Configure(SimulatorOptions options) => options.IgnoreAcceptHeader = true;

    [Fact]
    public async Task Json_requests_get_xml_answers_errors_and_injected_faults_included()
    {
        using var signIn = await SendJsonAsync(HttpMethod.Post, $"api/{V}/auth/signin", null,
            "{\"credentials\":{\"name\":\"admin\",\"password\":\"admin\",\"site\":{\"contentUrl\":\"\"}}}");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.StartsWith("application/xml", signIn.Content.Headers.ContentType?.ToString());
        var admin = ReadCredentials(await XmlAsync(signIn));

        using var missing = await SendJsonAsync(HttpMethod.Get, $"{Webhooks(admin)}/{Guid.NewGuid()}", admin.Token);
        await AssertXmlErrorAsync(missing, HttpStatusCode.NotFound, "404050");

        Host.EnqueueFault(FaultKind.Throttle, "GET", "/webhooks");
        using var throttled = await SendJsonAsync(HttpMethod.Get, Webhooks(admin), admin.Token);
        await AssertXmlErrorAsync(throttled, HttpStatusCode.TooManyRequests, "429000");
    }
}
