using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace TableauWebhooks.Files
{
    /// <summary>
    /// Files and folders only their owner can read, for the receiver's spool. On Unix a file is created with mode 0600 and
    /// a folder with 0700 in the same call that creates it (FileStreamOptions.UnixCreateMode and
    /// Directory.CreateDirectory(path, mode), .NET 7+, found by reflection because this assembly targets netstandard2.0),
    /// so no other user can open it even for a moment; where those are missing, chmod right after. On Windows the folder's
    /// ACL applies (see the help): nothing is changed there.
    /// </summary>
    internal static class PrivateFiles
    {
        private const int OwnerReadWrite = 0x180;        // 0600
        private const int OwnerReadWriteSearch = 0x1C0;  // 0700

        // Not RuntimeInformation: on Windows PowerShell 5.1 its assembly is not there on every .NET Framework 4.x.
        public static bool IsUnix { get; } = Environment.OSVersion.Platform != PlatformID.Win32NT;

        private static readonly Type? OptionsType = typeof(FileStream).Assembly.GetType("System.IO.FileStreamOptions");
        private static readonly Type? ModeType = typeof(FileStream).Assembly.GetType("System.IO.UnixFileMode");

        /// <summary>A new file (never an existing one: IOException), open for writing, readable by its owner only.</summary>
        public static FileStream CreateNew(string path)
        {
            if (IsUnix && OptionsType != null && ModeType != null)
            {
                var options = Activator.CreateInstance(OptionsType)!;
                OptionsType.GetProperty("Mode")!.SetValue(options, FileMode.CreateNew);
                OptionsType.GetProperty("Access")!.SetValue(options, FileAccess.Write);
                OptionsType.GetProperty("Share")!.SetValue(options, FileShare.None);
                OptionsType.GetProperty("UnixCreateMode")!.SetValue(options, Enum.ToObject(ModeType, OwnerReadWrite));
                try
                {
                    return (FileStream)Activator.CreateInstance(typeof(FileStream), path, options)!;
                }
                catch (TargetInvocationException ex) when (ex.InnerException != null)
                {
                    throw Unwrapped(ex);
                }
            }
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            if (IsUnix) ChangeMode(path, OwnerReadWrite);
            return stream;
        }

        /// <summary>Creates the folder (and its parents) when missing; one it creates is for its owner only (0700 on Unix).</summary>
        public static void CreateDirectory(string path)
        {
            if (Directory.Exists(path)) return;
            var withMode = IsUnix && ModeType != null
                ? typeof(Directory).GetMethod("CreateDirectory", new[] { typeof(string), ModeType })
                : null;
            if (withMode != null)
            {
                try
                {
                    withMode.Invoke(null, new[] { path, Enum.ToObject(ModeType!, OwnerReadWriteSearch) });
                    return;
                }
                catch (TargetInvocationException ex) when (ex.InnerException != null)
                {
                    throw Unwrapped(ex);
                }
            }
            Directory.CreateDirectory(path);
            if (IsUnix) ChangeMode(path, OwnerReadWriteSearch);
        }

        /// <summary>The Unix mode of a file or folder (e.g. 0x1C0 for 0700), or null where it cannot be read.</summary>
        public static int? ModeOf(string path)
        {
            if (!IsUnix || ModeType == null) return null;
            var get = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
            try
            {
                return get == null ? (int?)null : Convert.ToInt32(get.Invoke(null, new object[] { path }));
            }
            catch (TargetInvocationException)
            {
                return null;
            }
        }

        /// <summary>
        /// Makes a rename in <paramref name="folder"/> durable (fsync of the folder, Unix only): a file flushed and moved into
        /// place is then still there after a power cut. Best effort: where it cannot be done, the file system's journal
        /// commits it within seconds.
        /// </summary>
        public static void FlushDirectory(string folder)
        {
            if (!IsUnix) return;
            try
            {
                var fd = open(folder, 0 /* O_RDONLY */);
                if (fd < 0) return;
                try
                {
                    fsync(fd);
                }
                finally
                {
                    close(fd);
                }
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
            }
        }

        private static void ChangeMode(string path, int mode)
        {
            try
            {
                if (chmod(path, (uint)mode) != 0) throw new IOException($"Could not make '{path}' readable by its owner only (errno {Marshal.GetLastWin32Error()}).");
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                throw new IOException($"Could not make '{path}' readable by its owner only: {ex.Message}", ex);
            }
        }

        private static Exception Unwrapped(TargetInvocationException ex)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException!).Throw();
            return ex; // not reached
        }

#pragma warning disable IDE1006 // libc's names
        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, uint mode);

        [DllImport("libc", SetLastError = true)]
        private static extern int open(string path, int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        private static extern int close(int fd);
#pragma warning restore IDE1006
    }
}
