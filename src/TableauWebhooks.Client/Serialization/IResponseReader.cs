using System;
using System.Collections.Generic;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Client.Serialization
{
    /// <summary>
    /// One parsed response body. Each Read method throws UnreadableResponseException when its element is missing.
    /// Dispose once read: the JSON reader returns its parse buffers to the pool.
    /// </summary>
    internal interface IResponseReader : IDisposable
    {
        ServerInfo ReadServerInfo();
        SignInResult ReadCredentials();
        /// <summary>The name of the user element (Query User On Site), or null when absent.</summary>
        string? ReadUserName();
        WebhookInfo ReadWebhook();
        IReadOnlyList<WebhookInfo> ReadWebhooks();
        /// <summary>The sites element of Query Sites; a list of one may be a single object in JSON.</summary>
        IReadOnlyList<SiteInfo> ReadSites();
        /// <summary>The pagination element, or null when absent (the documented case for List Webhooks).</summary>
        PageInfo? ReadPagination();
        WebhookTestOutcome ReadTestResult();
        /// <summary>The error element, or null when the document carries none.</summary>
        TableauErrorDocument? ReadError();
    }
}
