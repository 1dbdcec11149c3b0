using System;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TableauServer.Simulator.Delivery;
using TableauServer.Simulator.Hosting;

namespace TableauServer.Simulator.Control;

/// <summary>
/// Which self-signed (or otherwise untrusted) certificates webhook destinations may present, for clients that are not
/// in-process: <c>POST</c> trusts one, <c>GET</c> lists them, <c>DELETE</c> forgets them all. The built-in receiver's
/// pin is not part of this list and always stays.
/// </summary>
internal static class TrustedCertificateEndpoints
{
    private const string Path = "/trusted-certificates";

    public static void Map(RouteGroupBuilder control, SimulatorRuntime runtime)
    {
        var store = runtime.State.TrustedCertificates;

        control.MapGet(Path, () => Results.Json(new { receiverThumbprint = runtime.ReceiverThumbprint, thumbprints = store.Thumbprints }));
        control.MapPost(Path, async (HttpContext http) =>
        {
            var request = await ControlJson.ReadAsync<TrustCertificateRequest>(http, JsonSerializerOptions.Web);
            if (request is null)
            {
                return Results.BadRequest(new { error = "The body must be a JSON object: {\"certificate\":\"<PEM text or base64 DER>\"}." });
            }

            try
            {
                using var certificate = CertificateText.Parse(request.Certificate);
                return Results.Json(new { thumbprint = store.Trust(certificate) }, statusCode: StatusCodes.Status201Created);
            }
            catch (ArgumentException ex)
            {
                return Results.BadRequest(new { error = ex.Message });
            }
        });
        control.MapDelete(Path, () =>
        {
            store.Clear();
            return Results.NoContent();
        });
    }
}
