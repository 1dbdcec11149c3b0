using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

/// <summary>Query Sites (GET /api/{v}/sites) on the default seed: two sites, server admin only.</summary>
public sealed class SiteQueryTests : SimulatorTest
{
    [Fact]
    public async Task Xml_lists_every_site_after_the_pagination_element()
    {
        var admin = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Get, $"api/{V}/sites", admin.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = await XmlAsync(response);
        var elements = root.Elements().Select(e => e.Name.LocalName).ToList();
        Assert.Equal(new[] { "pagination", "sites" }, elements);
        var pagination = root.Element(Ns + "pagination")!;
        Assert.Equal("1", pagination.Attribute("pageNumber")!.Value);
        Assert.Equal("100", pagination.Attribute("pageSize")!.Value);
        Assert.Equal("2", pagination.Attribute("totalAvailable")!.Value);
        var sites = root.Element(Ns + "sites")!.Elements(Ns + "site").ToList();
        Assert.Equal(2, sites.Count);
        var finance = sites.Single(s => s.Attribute("contentUrl")!.Value == "finance");
        Assert.Equal("9d2e7b40-6a1c-4f3e-b5d8-0c1e2f3a4b5c", finance.Attribute("id")!.Value);
        Assert.Equal("Finance", finance.Attribute("name")!.Value);
        Assert.Equal("Active", finance.Attribute("state")!.Value);
        Assert.Equal("ContentAndUsers", finance.Attribute("adminMode")!.Value);
        Assert.Equal("", sites.Single(s => s.Attribute("name")!.Value == "Default").Attribute("contentUrl")!.Value);
    }

    [Fact]
    public async Task Json_writes_paging_numbers_as_strings_and_sites_as_an_array()
    {
        var admin = await SignInAsync();

        using var response = await SendJsonAsync(HttpMethod.Get, $"api/{V}/sites", admin.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = await JsonAsync(response);
        var pagination = root.GetProperty("pagination");
        Assert.Equal(JsonValueKind.String, pagination.GetProperty("totalAvailable").ValueKind);
        Assert.Equal("1", pagination.GetProperty("pageNumber").GetString());
        Assert.Equal("100", pagination.GetProperty("pageSize").GetString());
        Assert.Equal("2", pagination.GetProperty("totalAvailable").GetString());
        var sites = root.GetProperty("sites").GetProperty("site");
        Assert.Equal(JsonValueKind.Array, sites.ValueKind);
        Assert.Equal(2, sites.GetArrayLength());
        var finance = sites.EnumerateArray().Single(s => s.GetProperty("contentUrl").GetString() == "finance");
        Assert.Equal("Finance", finance.GetProperty("name").GetString());
        Assert.Equal("Active", finance.GetProperty("state").GetString());
        Assert.Equal("ContentAndUsers", finance.GetProperty("adminMode").GetString());
    }

    [Fact]
    public async Task A_page_of_one_site_is_still_an_array_in_json()
    {
        var admin = await SignInAsync();

        using var response = await SendJsonAsync(HttpMethod.Get, $"api/{V}/sites?pageSize=1&pageNumber=2", admin.Token);

        var site = (await JsonAsync(response)).GetProperty("sites").GetProperty("site");
        Assert.Equal(JsonValueKind.Array, site.ValueKind);
        Assert.Equal(1, site.GetArrayLength());
    }

    [Theory]
    [InlineData("viewer", "viewer", "")]
    [InlineData("siteadmin", "siteadmin", "finance")]
    public async Task Anyone_but_a_server_administrator_is_403000(string name, string password, string site)
    {
        var user = await SignInAsync(name, password, site);

        using var xml = await SendAsync(HttpMethod.Get, $"api/{V}/sites", user.Token);
        using var json = await SendJsonAsync(HttpMethod.Get, $"api/{V}/sites", user.Token);

        await AssertXmlErrorAsync(xml, HttpStatusCode.Forbidden, "403000");
        await AssertJsonErrorAsync(json, HttpStatusCode.Forbidden, "403000");
    }

    [Fact]
    public async Task Without_a_token_it_is_401000()
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/{V}/sites");

        await AssertXmlErrorAsync(response, HttpStatusCode.Unauthorized, "401000");
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=1001")]
    [InlineData("pageSize=abc")]
    [InlineData("pageNumber=0")]
    [InlineData("pageNumber=-1")]
    public async Task Paging_parameters_out_of_range_are_400000(string query)
    {
        var admin = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Get, $"api/{V}/sites?{query}", admin.Token);

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400000");
    }

    [Fact]
    public async Task The_largest_page_size_is_accepted()
    {
        var admin = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Get, $"api/{V}/sites?pageSize=1000", admin.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1000", (await XmlAsync(response)).Element(Ns + "pagination")!.Attribute("pageSize")!.Value);
    }

    [Theory]
    [InlineData("1.9")]
    [InlineData("3.28")]
    public async Task A_version_below_2_0_or_above_the_server_is_404003(string version)
    {
        var admin = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Get, $"api/{version}/sites", admin.Token);

        await AssertXmlErrorAsync(response, HttpStatusCode.NotFound, "404003");
    }

    [Fact]
    public async Task Version_2_0_has_it()
    {
        var admin = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Get, "api/2.0/sites", admin.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>Three sites, two per page: Query Sites really pages.</summary>
public sealed class SiteQueryPagingTests : SimulatorTest
{
    protected override void Configure(SimulatorOptions options) =>
        options.Sites.Add(new SimulatedSite { Id = "0b7d4c2a-1e3f-4a5b-8c6d-7e8f9a0b1c2d", Name = "Sales", ContentUrl = "sales" });

    [Fact]
    public async Task Three_sites_with_page_size_two_are_two_pages()
    {
        var admin = await SignInAsync();

        using var first = await SendAsync(HttpMethod.Get, $"api/{V}/sites?pageSize=2&pageNumber=1", admin.Token);
        using var second = await SendAsync(HttpMethod.Get, $"api/{V}/sites?pageSize=2&pageNumber=2", admin.Token);
        using var third = await SendAsync(HttpMethod.Get, $"api/{V}/sites?pageSize=2&pageNumber=3", admin.Token);

        var pages = new[] { await XmlAsync(first), await XmlAsync(second), await XmlAsync(third) };
        var counts = pages.Select(p => p.Element(Ns + "sites")!.Elements(Ns + "site").Count()).ToArray();
        Assert.Equal(new[] { 2, 1, 0 }, counts);
        Assert.All(pages, p => Assert.Equal("3", p.Element(Ns + "pagination")!.Attribute("totalAvailable")!.Value));
        Assert.Equal(new[] { "1", "2", "3" }, pages.Select(p => p.Element(Ns + "pagination")!.Attribute("pageNumber")!.Value));
        Assert.All(pages, p => Assert.Equal("2", p.Element(Ns + "pagination")!.Attribute("pageSize")!.Value));
        var names = pages.SelectMany(p => p.Element(Ns + "sites")!.Elements(Ns + "site")).Select(s => s.Attribute("name")!.Value).ToList();
        Assert.Equal(new[] { "Default", "Finance", "Sales" }, names);
    }

    [Fact]
    public async Task Json_pages_the_same_way()
    {
        var admin = await SignInAsync();

        using var second = await SendJsonAsync(HttpMethod.Get, $"api/{V}/sites?pageSize=2&pageNumber=2", admin.Token);

        var root = await JsonAsync(second);
        Assert.Equal("3", root.GetProperty("pagination").GetProperty("totalAvailable").GetString());
        Assert.Equal("sales", root.GetProperty("sites").GetProperty("site")[0].GetProperty("contentUrl").GetString());
    }
}
