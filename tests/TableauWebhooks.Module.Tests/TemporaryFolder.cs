using System;
using System.IO;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>A folder of its own under the temp path for one test's files, removed (best effort) when the test ends.</summary>
    public sealed class TemporaryFolder : IDisposable
    {
        public TemporaryFolder(string prefix)
        {
            FullName = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(FullName);
        }

        public string FullName { get; }

        /// <summary>The full path of a file in the folder.</summary>
        public string File(string name) => Path.Combine(FullName, name);

        public void Dispose()
        {
            try { Directory.Delete(FullName, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
