using System;
using System.IO;
using System.Text;

namespace TableauWebhooks.Files
{
    /// <summary>
    /// Writes a file so that it is never seen half-written: the text goes to a temporary file beside it (same folder, so
    /// the same volume), is flushed to disk, and is then moved over the old one in one step (File.Replace, a rename;
    /// .NET Framework and .NET alike). A failure or a crash at any point leaves the old file whole, and the temporary
    /// file is removed unless the process itself died.
    /// </summary>
    internal static class AtomicFile
    {
        /// <param name="replace">Replace an existing file; without it, a file that appears meanwhile is not replaced (IOException).</param>
        public static void WriteAllText(string path, string text, bool replace)
        {
            var folder = Path.GetDirectoryName(path);
            if (string.IsNullOrEmpty(folder)) folder = ".";
            var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid().ToString("N").Substring(0, 12)}.tmp");
            try
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }
                if (replace && File.Exists(path))
                {
                    try
                    {
                        File.Replace(temporary, path, destinationBackupFileName: null, ignoreMetadataErrors: true);
                        return;
                    }
                    catch (FileNotFoundException) when (File.Exists(temporary) && !File.Exists(path))
                    {
                        // The old file went away in between: there is nothing to replace, so the move below puts the new one there.
                    }
                }
                File.Move(temporary, path);
            }
            finally
            {
                TryDelete(temporary);
            }
        }

        private static void TryDelete(string temporary)
        {
            try
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
