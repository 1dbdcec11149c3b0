namespace TableauServer.Simulator.Delivery;

/// <summary>What one outbound POST produced: a status and body, or why no HTTP answer came back.</summary>
internal sealed record DeliveryOutcome(int? StatusCode, string Body, string? FailureReason)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public static DeliveryOutcome Answered(int statusCode, string body) => new(statusCode, body, null);

    public static DeliveryOutcome Unreachable(string reason) => new(null, "", reason);
}
