using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace TableauServer.Simulator.Hosting;

/// <summary>
/// Takes the place of ASP.NET Core's console lifetime, which claims SIGINT and SIGTERM from the moment a web application
/// starts and answers them by stopping only that application: in the simulator process a signal during start-up was
/// swallowed, and in a test process the test host's own signals were. Whoever started the simulator stops it
/// (<see cref="StopSignal"/> in the simulator process).
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
