using System.Runtime.InteropServices;
using Xunit;

namespace TableauServer.Simulator.Tests.Infrastructure;

/// <summary>A theory that needs POSIX signals (kill -TERM): skipped with the reason on Windows.</summary>
public sealed class UnixTheoryAttribute : TheoryAttribute
{
    public UnixTheoryAttribute()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Skip = "Sends POSIX signals with kill, which Windows does not have.";
        }
    }
}
