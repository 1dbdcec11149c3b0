using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TableauWebhooks.Hosting;
using Xunit;
using Xunit.Sdk;

namespace TableauWebhooks.Package.Tests
{
    /// <summary>
    /// The Gallery package holds exactly the built module folder, and its nuspec and the built manifest carry the one
    /// version and the Gallery metadata. Nothing here lists the module's files or cmdlets: the folder and the manifest do.
    /// </summary>
    public sealed class PackageTests
    {
        private const string ProjectUri = "https://github.com/TableauWebhooks/TableauWebhooks";
        private const string LicenseUri = "https://github.com/TableauWebhooks/TableauWebhooks/blob/main/LICENSE";
        private static readonly string[] PlatformTags = { "PSModule", "PSEdition_Desktop", "PSEdition_Core", "Windows", "Linux", "MacOS" };

        private static string VersionPrefix
        {
            get
            {
                var props = File.ReadAllText(Path.Combine(ModuleLayout.RepositoryRoot, "Directory.Build.props"));
                var version = Regex.Match(props, "<VersionPrefix>(.*?)</VersionPrefix>").Groups[1].Value;
                Assert.False(string.IsNullOrEmpty(version), "Directory.Build.props has no VersionPrefix.");
                return version;
            }
        }

        private static string ModuleFolder => Path.GetDirectoryName(ModuleLayout.BuiltManifestPath)!;

        private static string PackagePath
        {
            get
            {
                var path = Path.Combine(ModuleLayout.RepositoryRoot, "out", "packages", $"TableauWebhooks.{VersionPrefix}.nupkg");
                if (!File.Exists(path))
                    throw new XunitException($"The package is missing at {path}. Run `dotnet build -c Release` (or `dotnet pack src/TableauWebhooks.Package -c Release`) at the repository root first.");
                return path;
            }
        }

        /// <summary>Test-ModuleManifest on out/TableauWebhooks/TableauWebhooks.psd1: PowerShell's own reading of the built manifest.</summary>
        private static PSObject TestModuleManifest()
        {
            using var shell = HostedPowerShell.Create();
            var result = shell.Run("Test-ModuleManifest -Path $args[0] -ErrorAction Stop", ModuleLayout.BuiltManifestPath);
            if (!result.Succeeded) throw new XunitException("Test-ModuleManifest failed: " + result.Describe());
            return result.Output.Single();
        }

        private static T Property<T>(PSObject obj, string name)
        {
            var value = obj.Properties[name]?.Value;
            return (T)(value is PSObject pso ? pso.BaseObject : value)!;
        }

        private static XElement Nuspec(ZipArchive package, out string entryName)
        {
            var entries = package.Entries.Where(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).ToList();
            Assert.True(entries.Count == 1, "Expected one .nuspec at the package root, found: " + string.Join(", ", entries.Select(e => e.FullName)));
            entryName = entries[0].FullName;
            using var stream = entries[0].Open();
            return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        }

        private static string Value(XElement metadata, string name) =>
            metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? throw new XunitException($"The nuspec has no <{name}>.");

        [Fact]
        public void The_package_holds_exactly_the_module_folder()
        {
            var folder = ModuleFolder;
            var moduleFiles = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
                .OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.NotEmpty(moduleFiles);

            using var package = ZipFile.OpenRead(PackagePath);
            Nuspec(package, out var nuspecEntry);
            // Part names are URI-escaped in the zip (a space is %20); the file names are the unescaped ones.
            var packaged = package.Entries.Select(e => Uri.UnescapeDataString(e.FullName))
                .Where(name => !IsNuGetPart(name, nuspecEntry))
                .OrderBy(f => f, StringComparer.Ordinal).ToList();

            var missing = moduleFiles.Except(packaged, StringComparer.Ordinal).ToList();
            var extra = packaged.Except(moduleFiles, StringComparer.Ordinal).ToList();
            Assert.True(missing.Count == 0 && extra.Count == 0 && packaged.Count == moduleFiles.Count,
                $"{PackagePath} does not match {folder} (rebuild: `dotnet build -c Release` packs again).\n" +
                $"In the folder, not in the package: {string.Join(", ", missing.DefaultIfEmpty("none"))}\n" +
                $"In the package, not in the folder: {string.Join(", ", extra.DefaultIfEmpty("none"))}");
        }

        private static bool IsNuGetPart(string name, string nuspecEntry) =>
            name == "[Content_Types].xml" || name == nuspecEntry ||
            name.StartsWith("_rels/", StringComparison.Ordinal) || name.StartsWith("package/", StringComparison.Ordinal);

        [Fact]
        public void The_package_files_are_the_module_files_byte_for_byte()
        {
            using var package = ZipFile.OpenRead(PackagePath);
            foreach (var entry in package.Entries)
            {
                var path = Path.Combine(ModuleFolder, Uri.UnescapeDataString(entry.FullName));
                if (!File.Exists(path)) continue; // NuGet's own parts; the file list is checked above
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                Assert.True(copy.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(path)),
                    $"{entry.FullName} in the package differs from {path}: rebuild (`dotnet build -c Release`) to pack again.");
            }
        }

        [Fact]
        public void One_version_VersionPrefix_is_the_nuspec_version_and_the_manifest_ModuleVersion()
        {
            var manifest = TestModuleManifest();
            Assert.Equal(VersionPrefix, Property<Version>(manifest, "Version").ToString());

            using var package = ZipFile.OpenRead(PackagePath);
            var metadata = Nuspec(package, out var nuspecEntry);
            Assert.Equal("TableauWebhooks.nuspec", nuspecEntry);
            Assert.Equal("TableauWebhooks", Value(metadata, "id"));
            Assert.Equal(VersionPrefix, Value(metadata, "version"));
        }

        [Fact]
        public void The_nuspec_carries_the_manifest_metadata_and_the_tags_PowerShellGet_writes()
        {
            var manifest = TestModuleManifest();
            var cmdlets = ((IDictionary)Property<object>(manifest, "ExportedCmdlets")).Keys.Cast<string>().ToList();
            Assert.NotEmpty(cmdlets);

            using var package = ZipFile.OpenRead(PackagePath);
            var metadata = Nuspec(package, out _);
            var tags = Value(metadata, "tags").Split(' ', StringSplitOptions.RemoveEmptyEntries);

            var expectedTags = PlatformTags
                .Concat(Property<IEnumerable>(manifest, "Tags").Cast<object>().Select(t => t.ToString()!))
                .Concat(new[] { "PSIncludes_Cmdlet" })
                .Concat(cmdlets.Select(c => "PSCmdlet_" + c))
                .Concat(cmdlets.Select(c => "PSCommand_" + c));
            Assert.Empty(expectedTags.Except(tags, StringComparer.Ordinal));
            Assert.Equal(tags.Length, tags.Distinct(StringComparer.Ordinal).Count());

            Assert.Equal(Property<string>(manifest, "Author"), Value(metadata, "authors"));
            Assert.Equal(Property<string>(manifest, "CompanyName"), Value(metadata, "owners"));
            Assert.Equal(Property<string>(manifest, "Description"), Value(metadata, "description"));
            Assert.Equal(Property<string>(manifest, "Copyright"), Value(metadata, "copyright"));
            Assert.Equal(Property<string>(manifest, "ReleaseNotes").Replace("\r\n", "\n"), Value(metadata, "releaseNotes").Replace("\r\n", "\n"));
            Assert.Equal(ProjectUri, Value(metadata, "projectUrl"));
            Assert.Equal(LicenseUri, Value(metadata, "licenseUrl"));
            Assert.Equal("false", Value(metadata, "requireLicenseAcceptance"));
            Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName == "dependencies" && e.HasElements);
        }

        [Fact]
        public void Test_ModuleManifest_shows_the_Gallery_metadata()
        {
            var manifest = TestModuleManifest();
            Assert.Equal(new Uri(ProjectUri), Property<Uri>(manifest, "ProjectUri"));
            Assert.Equal(new Uri(LicenseUri), Property<Uri>(manifest, "LicenseUri"));
            var notes = Property<string>(manifest, "ReleaseNotes");
            Assert.StartsWith(VersionPrefix + ":", notes);
            var tags = Property<IEnumerable>(manifest, "Tags").Cast<object>().Select(t => t.ToString()!).ToList();
            Assert.Empty(PlatformTags.Where(t => t != "PSModule").Except(tags, StringComparer.Ordinal));
        }

        [Fact]
        public void The_licence_the_manifest_points_at_and_the_changelog_are_in_the_repository()
        {
            var root = ModuleLayout.RepositoryRoot;
            Assert.Contains("MIT License", File.ReadAllText(Path.Combine(root, "LICENSE")));
            // CHANGELOG.md's newest section is the version being built; its notes are the manifest's ReleaseNotes.
            var changelog = File.ReadAllText(Path.Combine(root, "CHANGELOG.md"));
            Assert.Equal(VersionPrefix, Regex.Match(changelog, @"^## \[?(\d+\.\d+\.\d+)", RegexOptions.Multiline).Groups[1].Value);
        }
    }
}
