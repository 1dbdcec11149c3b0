using System;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Client.Versions;
using Xunit;

namespace TableauWebhooks.Client.Tests.Versions
{
    /// <summary>The one table of API versions: each gate with the Tableau Server release that introduced it.</summary>
    public class ApiGatesTests
    {
        public static TheoryData<string, string, string> Gates => new TheoryData<string, string, string>
        {
            { nameof(ApiGates.ServerInfo), "2.4", "10.1" },
            { nameof(ApiGates.Webhooks), "3.6", "2019.4" },
            { nameof(ApiGates.UpdateWebhook), "3.8", "2020.2" },
            { nameof(ApiGates.EventAttribute), "3.9", "2020.3" },
            { nameof(ApiGates.AdminEvents), "3.11", "2021.1" },
            { nameof(ApiGates.JwtSignIn), "3.17", "2022.3" },
        };

        [Theory]
        [MemberData(nameof(Gates))]
        public void Each_gate_pairs_its_api_version_with_the_release_that_introduced_it(string name, string api, string release)
        {
            var gate = (ApiGate)typeof(ApiGates).GetField(name)!.GetValue(null)!;
            Assert.Equal(Version.Parse(api), gate.Api);
            Assert.Equal(release, gate.TableauRelease);
        }

        [Fact]
        public void The_table_lists_every_gate_the_theory_checks_and_the_newest_version()
        {
            var fields = typeof(ApiGates).GetFields();
            Assert.Equal(Gates.Count + 1, fields.Length);
            Assert.Equal(new Version(3, 28), ApiGates.Newest);
        }

        [Fact]
        public void A_closed_gate_names_what_needs_it_and_both_versions()
        {
            Assert.True(ApiGates.JwtSignIn.IsOpenAt(new Version(3, 17)));
            Assert.False(ApiGates.JwtSignIn.IsOpenAt(new Version(3, 16)));
            ApiGates.JwtSignIn.Require("Signing in", new Version(3, 17));

            var ex = Assert.Throws<TableauException>(() => ApiGates.JwtSignIn.Require("Signing in with a JSON Web Token (connected app)", new Version(3, 16)));
            Assert.Equal(TableauErrorKind.NotSupported, ex.Kind);
            Assert.Equal("ApiVersionNotSupported", ex.ErrorId);
            Assert.Equal("Signing in with a JSON Web Token (connected app) needs REST API 3.17 (Tableau Server 2022.3) or later, but this session uses API 3.16.", ex.Message);
            Assert.Null(ex.ServerApiVersion); // a pin too low for a feature is not a pin too high for the server
        }

        [Fact]
        public void Events_report_their_gate_as_introduction_version_and_release()
        {
            var admin = WebhookEventCatalog.Find("AdminPromoted")!;
            Assert.Equal(new Version(3, 11), admin.IntroducedInApi);
            Assert.Equal("2021.1", admin.IntroducedInTableau);
            var original = WebhookEventCatalog.Find("WorkbookCreated")!;
            Assert.Equal(new Version(3, 6), original.IntroducedInApi);
            Assert.Equal("2019.4", original.IntroducedInTableau);
            var label = WebhookEventCatalog.Find("LabelCreated")!;
            Assert.Equal(new Version(3, 9), label.IntroducedInApi);
            Assert.Equal("2020.3", label.IntroducedInTableau);
        }
    }
}
