using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

public sealed class ServerInfoTests : SimulatorTest
{
    [Fact]
    public async Task Xml_reports_product_and_rest_api_version_in_a_tableau_document()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/3.27/serverInfo"); // TSC's spelling

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml;charset=utf-8", response.Content.Headers.ContentType!.ToString().Replace(" ", ""));
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml version='1.0' encoding='UTF-8'?>", text);
        Assert.Contains("xsi:schemaLocation=\"http://tableau.com/api https://help.tableau.com/samples/en-us/rest_api/ts-api_3_27.xsd\"", text);
        var info = (await XmlAsync(response)).Element(Ns + "serverInfo")!;
        Assert.Equal("2025.3.0", info.Element(Ns + "productVersion")!.Value);
        Assert.False(string.IsNullOrEmpty(info.Element(Ns + "productVersion")!.Attribute("build")?.Value));
        Assert.Equal("3.27", info.Element(Ns + "restApiVersion")!.Value);
    }

    [Fact]
    public async Task Json_uses_value_and_build_for_product_version()
    {
        using var response = await SendJsonAsync(HttpMethod.Get, "api/2.4/serverinfo", token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json;charset=utf-8", response.Content.Headers.ContentType!.ToString().Replace(" ", ""));
        var info = (await JsonAsync(response)).GetProperty("serverInfo");
        Assert.Equal("2025.3.0", info.GetProperty("productVersion").GetProperty("value").GetString());
        Assert.NotNull(info.GetProperty("productVersion").GetProperty("build").GetString());
        Assert.Equal("3.27", info.GetProperty("restApiVersion").GetString());
    }

    [Fact]
    public async Task Version_above_the_server_is_an_unknown_resource()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/3.28/serverInfo");

        var error = await AssertXmlErrorAsync(response, HttpStatusCode.NotFound, "404003", "Resource Not Found");
        Assert.Equal("Unknown resource '/3.28/serverInfo' specified in URI.", error.Element(Ns + "detail")!.Value);
    }

    [Fact]
    public async Task Version_below_the_method_minimum_is_an_unknown_resource()
    {
        using var response = await SendJsonAsync(HttpMethod.Get, "api/2.3/serverinfo", token: null);

        await AssertJsonErrorAsync(response, HttpStatusCode.NotFound, "404003");
    }

    [Fact]
    public async Task Unknown_path_is_an_unknown_resource()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/3.27/no/such/thing");

        await AssertXmlErrorAsync(response, HttpStatusCode.NotFound, "404003");
    }

    [Fact]
    public async Task Wrong_verb_is_405000()
    {
        using var response = await SendAsync(HttpMethod.Delete, "api/3.27/serverinfo");

        await AssertXmlErrorAsync(response, HttpStatusCode.MethodNotAllowed, "405000");
    }
}

public sealed class ProductVersionTests
{
    [Theory]
    [InlineData("2019.4", "3.6")]
    [InlineData("2020.2.1", "3.8")]
    [InlineData("2021.1", "3.11")]
    [InlineData("2025.3.0", "3.27")]
    [InlineData("2026.1", "3.28")]
    public async Task Product_version_decides_rest_api_version(string product, string expected)
    {
        var options = SimulatorOptions.CreateDefault();
        options.ProductVersion = product;
        await using var host = await SimulatorHost.StartAsync(options);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        var text = await http.GetStringAsync($"api/{expected}/serverinfo");

        Assert.Equal(expected, host.RestApiVersion);
        Assert.Contains($"<restApiVersion>{expected}</restApiVersion>", text);
    }

    [Fact]
    public async Task Unknown_product_version_fails_at_startup()
    {
        var options = SimulatorOptions.CreateDefault();
        options.ProductVersion = "1999.1";

        await Assert.ThrowsAsync<ArgumentException>(() => SimulatorHost.StartAsync(options));
    }
}
