using System.Collections.Concurrent;
using System.Threading;

namespace TableauWebhooks.Sessions
{
    /// <summary>
    /// Request traces of one command. The client may write them on any thread, and PowerShell accepts Write* only on
    /// the pipeline thread, so they wait here until the command drains them there. Every client shares one sink
    /// (<see cref="Write"/>); which command a line belongs to is carried by the async flow that made the request, so a
    /// command shows only its own requests: not tab completion's, nor another runspace's on a shared session.
    /// </summary>
    internal sealed class CommandTrace
    {
        private static readonly AsyncLocal<CommandTrace?> Current = new AsyncLocal<CommandTrace?>();
        private readonly ConcurrentQueue<string> _lines = new ConcurrentQueue<string>();

        /// <summary>The sink every client writes to (TableauClientOptions.Trace). Lines outside a command are dropped.</summary>
        public static void Write(string line) => Current.Value?._lines.Enqueue(line);

        /// <summary>
        /// Makes this command the owner of the requests started inside <paramref name="start"/>: the async flow it
        /// starts (awaits, Task.Run) carries the owner with it, while the caller's flow is left as it was.
        /// </summary>
        public T Own<T>(System.Func<T> start)
        {
            var previous = Current.Value;
            Current.Value = this;
            try
            {
                return start();
            }
            finally
            {
                Current.Value = previous;
            }
        }

        public bool TryTake(out string line) => _lines.TryDequeue(out line!);
    }
}
