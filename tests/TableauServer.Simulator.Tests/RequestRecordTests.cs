using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

/// <summary>
/// What tests read from the simulator to prove what happened on the wire is complete by the time the client has its
/// answer: a request is logged, and no longer counted in flight, when its answer starts, not when the server is done.
/// </summary>
public sealed class RequestRecordTests : SimulatorTest
{
    [Fact]
    public async Task A_request_is_logged_and_no_longer_in_flight_once_its_answer_starts()
    {
        // A list this long (megabytes) cannot be written until the client reads it, and this client reads only the
        // status and headers: a server that logged a request once it had written the whole answer would not have
        // logged this one yet, and would still count it in flight.
        var admin = await SignInAsync();
        Host.State.SeedWebhooks(20000, admin.SiteId);
        using var request = new HttpRequestMessage(HttpMethod.Get, Webhooks(admin));
        request.Headers.Add("X-Tableau-Auth", admin.Token);

        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Host.State.RequestLog.Last();
        Assert.Equal(("GET", "/" + Webhooks(admin), 200), (entry.Method, entry.Path, entry.StatusCode));
        Assert.Equal(0, Host.State.Concurrency.Current);
    }
}
