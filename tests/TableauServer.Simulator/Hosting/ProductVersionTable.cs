using System;
using System.Collections.Generic;
using TableauServer.Simulator.Api;

namespace TableauServer.Simulator.Hosting;

/// <summary>Tableau product version → REST API version (reference §6.7).</summary>
internal static class ProductVersionTable
{
    private static readonly Dictionary<string, string> RestApiByRelease = new()
    {
        ["2018.1"] = "3.0", ["2018.2"] = "3.1", ["2018.3"] = "3.2",
        ["2019.1"] = "3.3", ["2019.2"] = "3.4", ["2019.3"] = "3.5", ["2019.4"] = "3.6",
        ["2020.1"] = "3.7", ["2020.2"] = "3.8", ["2020.3"] = "3.9", ["2020.4"] = "3.10",
        ["2021.1"] = "3.11", ["2021.2"] = "3.12", ["2021.3"] = "3.13", ["2021.4"] = "3.14",
        ["2022.1"] = "3.15", ["2022.2"] = "3.16", ["2022.3"] = "3.17", ["2022.4"] = "3.18",
        ["2023.1"] = "3.19", ["2023.2"] = "3.20", ["2023.3"] = "3.21",
        ["2024.1"] = "3.22", ["2024.2"] = "3.23", ["2024.3"] = "3.24",
        ["2025.1"] = "3.25", ["2025.2"] = "3.26", ["2025.3"] = "3.27",
        ["2026.1"] = "3.28", // Tableau Cloud February 2026 style.
    };

    public static ApiVersion ResolveRestApiVersion(string productVersion)
    {
        var parts = (productVersion ?? "").Split('.');
        if (parts.Length >= 2 && RestApiByRelease.TryGetValue(parts[0] + "." + parts[1], out var api))
        {
            return ApiVersion.Parse(api);
        }

        throw new ArgumentException(
            $"Unknown Tableau product version '{productVersion}'. Known releases: {string.Join(", ", RestApiByRelease.Keys)}.",
            nameof(productVersion));
    }

    /// <summary>A plausible build number, e.g. 2025.3.0 → 20253.25.0.0000 (shape only; never parsed by clients).</summary>
    public static string DefaultBuild(string productVersion)
    {
        var parts = productVersion.Split('.');
        var patch = parts.Length > 2 ? parts[2] : "0";
        return $"{parts[0]}{parts[1]}.{parts[0].Substring(2)}.{patch}.0000";
    }
}
