using System;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Http;
using TableauWebhooks.Client.Serialization;

namespace TableauWebhooks.Client.Tests.Support
{
    /// <summary>Runs documents through the same code path the client uses for real responses.</summary>
    internal static class Docs
    {
        public const string Xml = "application/xml;charset=utf-8";
        public const string Json = "application/json;charset=utf-8";

        public static T Read<T>(string contentType, string body, Func<IResponseReader, T> read, int status = 200, string request = "GET /api/3.28/test")
            => ApiTransport.Read(new ApiResponse { Status = status, ContentType = contentType, Body = body, Request = request }, read);

        public static TableauException Error(int status, string contentType, string body, string request = "GET /api/3.28/test", string? retryAfter = null)
            => ApiTransport.ToError(new ApiResponse { Status = status, ContentType = contentType, Body = body, Request = request, RetryAfter = retryAfter });
    }
}
