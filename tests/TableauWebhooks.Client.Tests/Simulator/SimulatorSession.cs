using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauServer.Simulator;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Tests.Support;

namespace TableauWebhooks.Client.Tests.Simulator
{
    public enum SignInMethod { Password, PersonalAccessToken, Jwt }

    /// <summary>What the simulator answers in. The client always asks for JSON; Xml is a server or a proxy that answers XML anyway.</summary>
    public enum AnswerFormat { Json, Xml }

    /// <summary>Helpers shared by the simulator-backed tests: one fresh simulator per test, so tests run in parallel.</summary>
    internal static class SimulatorSession
    {
        public static Task<SimulatorHost> StartAsync(string productVersion = "2025.3.0", AnswerFormat answers = AnswerFormat.Json)
        {
            var options = SimulatorOptions.CreateDefault().WithPatientDelivery();
            options.ProductVersion = productVersion;
            return StartAsync(options, answers);
        }

        public static Task<SimulatorHost> StartAsync(SimulatorOptions options, AnswerFormat answers)
        {
            options.IgnoreAcceptHeader = answers == AnswerFormat.Xml;
            return SimulatorHost.StartAsync(options);
        }

        public static TableauClientOptions Options(SimulatorHost host, string site = "")
            => new TableauClientOptions { ServerUrl = host.BaseUrl, SiteContentUrl = site, Timeout = TimeSpan.FromSeconds(20), NoProxy = true };

        public static TableauSignInCredential Credential(SimulatorHost host, SignInMethod method, string user = "admin")
        {
            switch (method)
            {
                case SignInMethod.PersonalAccessToken:
                    return new PersonalAccessTokenCredential("admin-pat", Secure.String("admin-pat-secret"));
                case SignInMethod.Jwt:
                    return new JwtCredential(Secure.String(ConnectedAppJwt.Create(host.Options.ConnectedApp, user, TimeSpan.FromMinutes(5))));
                default:
                    return new PasswordCredential(user, Secure.String(user));
            }
        }

        public static Task<TableauRestClient> SignInAsync(SimulatorHost host, SignInMethod method = SignInMethod.Password, string user = "admin", string site = "")
            => TableauRestClient.SignInAsync(Options(host, site), Credential(host, method, user), CancellationToken.None);

        public static int CountRequests(SimulatorHost host, string method, string pathContains)
            => host.State.RequestLog.Count(e => e.Method == method && e.Path.Contains(pathContains));
    }
}
