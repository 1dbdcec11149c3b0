using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using TableauServer.Simulator;
using TableauWebhooks.Hosting;

namespace TableauWebhooks.Quickstart
{
    /// <summary>
    /// The module's main job end to end on this machine: a simulated Tableau Server, the built module imported into a
    /// real PowerShell engine, and a script that manages webhooks the way an admin would at a prompt.
    /// </summary>
    internal static class Program
    {
        private static async Task<int> Main()
        {
            await using var simulator = await SimulatorHost.StartAsync(SimulatorOptions.CreateDefault());
            Console.WriteLine($"Tableau simulator (Tableau Server {simulator.Options.ProductVersion}) on {simulator.BaseUrl}");
            Console.WriteLine($"Webhook receiver on {simulator.ReceiverBaseUrl}");
            Console.WriteLine($"Module: {ModuleLayout.BuiltManifestPath}");
            Console.WriteLine();

            using var shell = HostedPowerShell.WithModule(echoToConsole: true, colours: !Console.IsOutputRedirected);
            shell.SetVariable("global:Server", simulator.BaseUrl.ToString().TrimEnd('/'));
            shell.SetVariable("global:Receiver", simulator.ReceiverBaseUrl.ToString());

            var failedSteps = 0;
            foreach (var (comment, code) in ReadSteps(Path.Combine(AppContext.BaseDirectory, "quickstart.ps1")))
            {
                Console.ForegroundColor = ConsoleColor.DarkGray;
                if (comment.Length > 0) Console.WriteLine(comment);
                Console.ForegroundColor = ConsoleColor.Cyan;
                Console.WriteLine(string.Join(Environment.NewLine, code.Split('\n').Select((line, i) => (i == 0 ? "PS> " : ">>  ") + line)));
                Console.ResetColor();
                // Errors go through Out-Default too, so they print as PowerShell prints them.
                var result = shell.Run("& {\n" + code + "\n} 2>&1 | Out-Default");
                if (result.TerminatingError != null)
                {
                    failedSteps++;
                    Console.WriteLine("Step stopped: " + result.TerminatingError.Exception.Message);
                }
                Console.WriteLine();
            }

            Console.WriteLine($"Deliveries the receiver got: {simulator.State.Deliveries.Count}");
            foreach (var delivery in simulator.State.Deliveries)
                Console.WriteLine($"  {delivery.Method} {delivery.Path} -> {delivery.ResponseStatus}");
            return failedSteps == 0 ? 0 : 1;
        }

        // A step is a paragraph of the script: its comment lines, then the code that runs.
        private static (string Comment, string Code)[] ReadSteps(string path)
            => Regex.Split(File.ReadAllText(path).Replace("\r\n", "\n"), @"\n\s*\n")
                .Select(paragraph => paragraph.Split('\n').Select(l => l.TrimEnd()).ToArray())
                .Select(lines => (
                    Comment: string.Join("\n", lines.Where(IsComment)),
                    Code: string.Join("\n", lines.Where(l => !IsComment(l) && l.Length > 0))))
                .Where(step => step.Code.Length > 0)
                .ToArray();

        private static bool IsComment(string line) => line.TrimStart().StartsWith("#", StringComparison.Ordinal);
    }
}
