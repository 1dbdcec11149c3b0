using System;

namespace TableauWebhooks.Hosting
{
    /// <summary>What a program run to its end by <see cref="ChildProcess.Run"/> left behind.</summary>
    public sealed record ChildProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Took);
}
