namespace TableauServer.Simulator.Control;

/// <summary>Body of <c>POST /_simulator/trusted-certificates</c>: <c>{"certificate":"&lt;PEM text or base64 DER&gt;"}</c>.</summary>
internal sealed record TrustCertificateRequest(string? Certificate);
