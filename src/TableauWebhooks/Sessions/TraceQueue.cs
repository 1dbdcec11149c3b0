using System.Collections.Concurrent;

namespace TableauWebhooks.Sessions
{
    /// <summary>
    /// Request traces from the client, which may run on any thread. PowerShell accepts Write* only on the pipeline
    /// thread, so traces wait here until the cmdlet awaiting the request drains them there.
    /// </summary>
    internal sealed class TraceQueue
    {
        private readonly ConcurrentQueue<string> _lines = new ConcurrentQueue<string>();

        public void Add(string line) => _lines.Enqueue(line);

        public bool TryTake(out string line) => _lines.TryDequeue(out line!);
    }
}
