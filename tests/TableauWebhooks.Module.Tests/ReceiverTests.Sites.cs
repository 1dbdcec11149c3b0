using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>SiteName and SiteContentUrl: read with the runspace's default session when -Session is not given.</summary>
    public sealed partial class ReceiverTests
    {
        [Fact]
        public async Task With_a_default_session_each_event_is_named_by_its_site_and_a_site_the_server_does_not_have_stays_unnamed()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -Count 3");
            using (var client = Client())
            {
                foreach (var site in new[] { "9d2e7b40-6a1c-4f3e-b5d8-0c1e2f3a4b5c", "00000000-0000-4000-8000-000000000000", "5f3c8a1e-2b4d-4c6e-8f10-a1b2c3d4e5f6" })
                    Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, receiver.Url, Payload("on-" + site).Replace("8b2a95d8-52b9-40a4-8712-cd6da771bd1b", site))).StatusCode);
            }
            var written = receiver.WaitForEnd(TimeSpan.FromSeconds(30));
            Assert.Equal(new[] { "Finance finance", " ", "Default " },
                written.Select(d => $"{d.Property<string?>("SiteName")} {d.Property<string?>("SiteContentUrl")}"));
            // Read once for the run: the unknown site does not make it ask again at once.
            Assert.Single(RequestLogWait.Matching(Simulator, r => r.Method == "GET" && r.Path.EndsWith("/sites", StringComparison.Ordinal), 1, "the read of the sites"));
        }
    }
}
