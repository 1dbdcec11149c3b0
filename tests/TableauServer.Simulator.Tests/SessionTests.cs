using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

public sealed class SessionTests : SimulatorTest
{
    [Fact]
    public async Task Second_pat_sign_in_ends_the_first_session()
    {
        var first = await SignInWithPatAsync();
        var second = await SignInWithPatAsync();

        using var old = await SendAsync(HttpMethod.Get, Webhooks(first), first.Token);
        using var current = await SendAsync(HttpMethod.Get, Webhooks(second), second.Token);

        await AssertXmlErrorAsync(old, HttpStatusCode.Unauthorized, "401002");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task Password_sessions_coexist()
    {
        var first = await SignInAsync();
        var second = await SignInAsync();

        using var old = await SendAsync(HttpMethod.Get, Webhooks(first), first.Token);

        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
    }

    [Fact]
    public async Task Missing_token_is_401000()
    {
        var credentials = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Get, Webhooks(credentials));

        await AssertXmlErrorAsync(response, HttpStatusCode.Unauthorized, "401000");
    }

    [Fact]
    public async Task Unknown_token_is_401002()
    {
        var credentials = await SignInAsync();

        using var response = await SendJsonAsync(HttpMethod.Get, Webhooks(credentials), "made-up-token");

        await AssertJsonErrorAsync(response, HttpStatusCode.Unauthorized, "401002");
    }

    [Fact]
    public async Task Auth_header_name_is_case_insensitive()
    {
        var credentials = await SignInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, Webhooks(credentials));
        request.Headers.Add("x-tableau-auth", credentials.Token);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Sign_out_is_204_and_ends_the_session()
    {
        var credentials = await SignInAsync();

        using var signOut = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signout", credentials.Token, "");
        using var after = await SendAsync(HttpMethod.Get, Webhooks(credentials), credentials.Token);

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Empty(await signOut.Content.ReadAsByteArrayAsync());
        await AssertXmlErrorAsync(after, HttpStatusCode.Unauthorized, "401002");
    }
}

public sealed class SessionLifetimeTests : SimulatorTest
{
    // Two seconds: long enough that a busy machine's pauses between requests (hundreds of ms) stay well inside it.
    protected override void Configure(SimulatorOptions options) => options.SessionLifetime = TimeSpan.FromMilliseconds(2000);

    [Fact]
    public async Task Idle_session_expires_with_401002()
    {
        var credentials = await SignInAsync();
        using var fresh = await SendAsync(HttpMethod.Get, Webhooks(credentials), credentials.Token);

        await Task.Delay(2600);
        using var stale = await SendAsync(HttpMethod.Get, Webhooks(credentials), credentials.Token);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        await AssertXmlErrorAsync(stale, HttpStatusCode.Unauthorized, "401002");
    }

    [Fact]
    public async Task Use_keeps_a_session_alive_because_the_limit_is_an_idle_timeout()
    {
        var credentials = await SignInAsync();
        for (var i = 0; i < 8; i++)
        {
            await Task.Delay(400); // 3.2 s in all: longer than the lifetime, but never idle for even a quarter of it
            using var response = await SendAsync(HttpMethod.Get, Webhooks(credentials), credentials.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
