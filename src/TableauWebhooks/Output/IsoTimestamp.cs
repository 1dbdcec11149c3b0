using System;
using System.Globalization;
using System.Management.Automation;
using System.Reflection;

namespace TableauWebhooks.Output
{
    /// <summary>
    /// A UTC DateTime that prints as ISO 8601 (2026-12-01T15:00:00Z) wherever PowerShell turns it into text: Export-Csv,
    /// Format-Table and Format-List call ToString(), which a plain DateTime answers in the current culture, so a CSV
    /// written in Germany would not read back in the US. The value is a PSObject whose base object is the DateTime,
    /// with ToString() overridden on that one instance: comparisons (-lt (Get-Date)), Sort-Object, [datetime] casts,
    /// .AddDays() and ConvertTo-Json all see the DateTime itself.
    /// </summary>
    internal static class IsoTimestamp
    {
        private static readonly MethodInfo FormatMethod = typeof(IsoTimestamp).GetMethod(nameof(Format), new[] { typeof(PSObject) })!;

        public static PSObject? From(DateTimeOffset? value)
        {
            if (value == null) return null;
            var wrapped = new PSObject(value.Value.UtcDateTime);
            wrapped.Members.Add(new PSCodeMethod("ToString", FormatMethod));
            return wrapped;
        }

        /// <summary>
        /// A moment that keeps its DateTimeOffset (with its offset and fractions of a second: .UtcDateTime, comparisons and
        /// arithmetic work as before) and prints as ISO 8601: 2026-12-06T18:26:15.1234567Z, or with its offset, +01:00.
        /// </summary>
        public static PSObject? FromOffset(DateTimeOffset? value)
        {
            if (value == null) return null;
            var wrapped = new PSObject(value.Value);
            wrapped.Members.Add(new PSCodeMethod("ToString", FormatMethod));
            return wrapped;
        }

        /// <summary>The ToString() PowerShell calls on a wrapped timestamp (a code method takes the instance first).</summary>
        public static string Format(PSObject instance)
        {
            if (instance.BaseObject is DateTimeOffset moment)
                return moment.Offset == TimeSpan.Zero
                    ? moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
                    : moment.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
            return ((DateTime)instance.BaseObject).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
    }
}
