using System;

namespace TableauServer.Simulator.Api;

/// <summary>A Tableau error document (HTTP status + 6-digit code + summary + detail), thrown by endpoints.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int statusCode, string code, string summary, string detail)
        : base($"{code} {summary}: {detail}")
    {
        StatusCode = statusCode;
        Code = code;
        Summary = summary;
        Detail = detail;
    }

    public int StatusCode { get; }
    public string Code { get; }
    public string Summary { get; }
    public string Detail { get; }
}
