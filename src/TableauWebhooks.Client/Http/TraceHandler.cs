using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace TableauWebhooks.Client.Http
{
    /// <summary>
    /// One line per request for -Verbose/-Debug style tracing: method, path, status, duration. Never headers (the token
    /// lives there), never bodies (sign-in secrets), never the query or host.
    /// </summary>
    internal sealed class TraceHandler : DelegatingHandler
    {
        private readonly Action<string>? _trace;

        public TraceHandler(Action<string>? trace) => _trace = trace;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_trace == null) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var path = request.RequestUri?.AbsolutePath ?? "";
            var watch = Stopwatch.StartNew();
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                Emit($"{request.Method.Method} {path} -> {(int)response.StatusCode} in {watch.ElapsedMilliseconds} ms");
                return response;
            }
            catch (Exception ex)
            {
                Emit($"{request.Method.Method} {path} -> failed ({ex.GetType().Name}) in {watch.ElapsedMilliseconds} ms");
                throw;
            }
        }

        private void Emit(string line)
        {
            // A faulty trace sink must not break the request it describes.
            try { _trace!(line); } catch { }
        }
    }
}
