using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using TableauServer.Simulator.Hosting;

namespace TableauServer.Simulator;

/// <summary>
/// <c>dotnet run --project tests/TableauServer.Simulator -- --urls http://127.0.0.1:8080 [--Simulator:ProductVersion=2019.4]</c>
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Before anything else, so that SIGINT or SIGTERM at any moment of start-up stops the simulator.
        using var stop = new StopSignal();
        Console.WriteLine(StopSignal.ListeningLine);
        var options = BindOptions(args);
        SimulatorHost host;
        try
        {
            host = await SimulatorHost.StartAsync(options, stop.Token);
        }
        catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
        {
            Console.WriteLine(stop.Describe(", while starting"));
            return 0;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        await using (host)
        {
            Console.WriteLine($"Tableau Server simulator {options.ProductVersion} (REST API {host.RestApiVersion})");
            Console.WriteLine($"  Base URL:         {host.BaseUrl}");
            Console.WriteLine($"  Webhook receiver: {host.ReceiverBaseUrl}  (self-signed; trusted only by the simulator)");
            Console.WriteLine($"  Control API:      {host.BaseUrl}_simulator/");
            foreach (var thumbprint in host.State.TrustedCertificateThumbprints)
            {
                Console.WriteLine($"  Trusted cert:     SHA-256 {thumbprint}  (webhook destinations may present it)");
            }

            Console.WriteLine("  Sites:            " + string.Join(", ", options.Sites.ConvertAll(s => $"{s.Name} (contentUrl \"{s.ContentUrl}\", id {s.Id})")));
            foreach (var user in options.Users)
            {
                var sites = user.SiteContentUrls is null ? "all sites" : "sites " + string.Join(", ", user.SiteContentUrls);
                Console.WriteLine($"  User:             {user.Name} / {user.Password}  ({user.SiteRole}, {sites})");
            }

            foreach (var token in options.PersonalAccessTokens)
            {
                Console.WriteLine($"  Access token:     {token.Name} / {token.Secret}  (user {token.UserName})");
            }

            Console.WriteLine($"  Connected app:    clientId {options.ConnectedApp.ClientId}, secretId {options.ConnectedApp.SecretId}, secret {options.ConnectedApp.SecretValue}");
            Console.WriteLine("Press Ctrl+C to stop.");

            // The host is disposed here, on Main's thread: disposing it from the ProcessExit event, as once, blocked the
            // exiting thread and the process never ended.
            await stop.Arrived;
        }

        // Measured inside the process, from the signal to the end of the shutdown: what "stops within n seconds" means,
        // and what a busy machine's slow process start and exit do not distort.
        Console.WriteLine(stop.Describe());
        return 0;
    }

    /// <summary>
    /// The default seed, then environment variables (TABLEAUSIM_Simulator__ProductVersion=...), then the command line
    /// (--Simulator:ProductVersion=2019.4, --urls http://127.0.0.1:8080). Scalars bind cleanly; list options
    /// (Sites, Users, ...) would be appended to the seed, so change those in code.
    /// </summary>
    internal static SimulatorOptions BindOptions(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables("TABLEAUSIM_")
            .AddCommandLine(args)
            .Build();
        var options = SimulatorOptions.CreateDefault();

        // Binding appends to a list; a configured Faults:Kinds replaces the default kinds instead.
        if (configuration.GetSection("Simulator:Faults:Kinds").Exists())
        {
            options.Faults.Kinds.Clear();
        }

        configuration.GetSection("Simulator").Bind(options);
        options.ListenUrl = configuration["urls"] ?? "http://127.0.0.1:8080";
        return options;
    }
}
