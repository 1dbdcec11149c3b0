using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

/// <summary>Sessions that end mid-run: an expired token, every Nth request, a PAT used elsewhere.</summary>
public sealed class FaultSessionTests : SimulatorTest
{
    [Fact]
    public async Task Expire_token_invalidates_the_session_before_processing()
    {
        var admin = await SignInAsync();
        Host.EnqueueFault(FaultKind.ExpireToken, "POST", "/webhooks");

        using var create = await SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token, CreateXml("late", ReceiverUrl("x"), "WorkbookCreated"));
        using var after = await SendAsync(HttpMethod.Get, Webhooks(admin), admin.Token);

        await AssertXmlErrorAsync(create, HttpStatusCode.Unauthorized, "401002");
        await AssertXmlErrorAsync(after, HttpStatusCode.Unauthorized, "401002"); // the session stays gone
        Assert.Empty(Host.State.Webhooks);
        Assert.Equal(0, Host.State.ActiveSessionCount);
        Assert.Equal("ExpireToken", Host.State.RequestLog[1].Fault);
    }

    [Fact]
    public async Task Every_third_authenticated_request_expires_its_session()
    {
        Host.SetFaults(new FaultOptions { ExpireTokenEveryRequests = 3 });
        var statuses = new List<int>();
        var admin = await SignInAsync(); // sign-in carries no token, so it does not count

        for (var i = 0; i < 7; i++)
        {
            using var response = await SendAsync(HttpMethod.Get, Webhooks(admin), admin.Token);
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                await AssertXmlErrorAsync(response, HttpStatusCode.Unauthorized, "401002");
                admin = await SignInAsync();
            }
        }

        Assert.Equal(new[] { 200, 200, 401, 200, 200, 401, 200 }, statuses);
        Assert.Equal(2, Host.State.FaultsInjected);
        Assert.Equal(3, Host.State.IssuedTokens.Count);
    }

    [Fact]
    public async Task Sign_in_elsewhere_ends_the_pat_session_only()
    {
        var pat = await SignInWithPatAsync();
        var password = await SignInAsync();

        Host.SignInElsewhere("admin-pat");
        using var patAfter = await SendAsync(HttpMethod.Get, Webhooks(pat), pat.Token);
        using var passwordAfter = await SendAsync(HttpMethod.Get, Webhooks(password), password.Token);

        await AssertXmlErrorAsync(patAfter, HttpStatusCode.Unauthorized, "401002");
        Assert.Equal(HttpStatusCode.OK, passwordAfter.StatusCode);
        Assert.Throws<System.ArgumentException>(() => Host.SignInElsewhere("no-such-pat"));
    }

    [Fact]
    public async Task Sign_in_elsewhere_over_the_control_api()
    {
        var pat = await SignInWithPatAsync();

        using var ended = await Http.PostAsync("_simulator/tokens/admin-pat/sign-in-elsewhere", null);
        using var again = await Http.PostAsync("_simulator/tokens/admin-pat/sign-in-elsewhere", null);
        using var unknown = await Http.PostAsync("_simulator/tokens/nobody/sign-in-elsewhere", null);
        using var after = await SendAsync(HttpMethod.Get, Webhooks(pat), pat.Token);

        Assert.True((await JsonAsync(ended)).GetProperty("sessionEnded").GetBoolean());
        Assert.False((await JsonAsync(again)).GetProperty("sessionEnded").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await AssertXmlErrorAsync(after, HttpStatusCode.Unauthorized, "401002");
    }

    [Fact]
    public async Task Issued_tokens_lists_every_token_even_after_reset_and_the_log_never_holds_them()
    {
        var first = await SignInAsync();
        var second = await SignInWithPatAsync();
        Host.State.Reset();

        using var log = await Http.GetAsync("_simulator/requests");

        Assert.Equal(new[] { first.Token, second.Token }, Host.State.IssuedTokens);
        var text = await log.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Host.State.IssuedTokens, text.Contains);
    }
}
