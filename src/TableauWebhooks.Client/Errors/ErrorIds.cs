namespace TableauWebhooks.Client.Errors
{
    /// <summary>
    /// Every ErrorId the module reports, in one place: the client's and the cmdlets' own. Scripts branch on these
    /// (`$_.FullyQualifiedErrorId -like 'WebhookNotFound,*'`), so a value never changes once released.
    /// </summary>
    public static class ErrorIds
    {
        // Input refused before anything is sent.
        public const string InvalidServerUrl = nameof(InvalidServerUrl);
        public const string InvalidWebhookId = nameof(InvalidWebhookId);
        public const string InvalidWebhookName = nameof(InvalidWebhookName);
        public const string InvalidDestinationUrl = nameof(InvalidDestinationUrl);
        public const string InsecureDestinationUrl = nameof(InsecureDestinationUrl);
        public const string UnknownWebhookEvent = nameof(UnknownWebhookEvent);
        public const string EmptyWebhookUpdate = nameof(EmptyWebhookUpdate);
        public const string NothingToUpdate = nameof(NothingToUpdate);
        public const string ServerUrlSiteConflict = nameof(ServerUrlSiteConflict);
        public const string EmptyCredential = nameof(EmptyCredential);
        public const string ProxyParametersConflict = nameof(ProxyParametersConflict);
        public const string SitesWithInput = nameof(SitesWithInput);

        // What would mix webhooks up, refused before anything is sent: a second webhook of one name on a site, and a
        // webhook piped with the -Session of another server.
        public const string WebhookNameExists = nameof(WebhookNameExists);
        public const string WebhookFromOtherServer = nameof(WebhookFromOtherServer);

        // What the server's version cannot do.
        public const string ApiVersionNotSupported = nameof(ApiVersionNotSupported);
        public const string WebhooksNotSupported = nameof(WebhooksNotSupported);
        public const string EventNotSupportedByServer = nameof(EventNotSupportedByServer);

        // Sessions and sign-in.
        public const string SignInFailed = nameof(SignInFailed);
        public const string NotAuthenticated = nameof(NotAuthenticated);
        public const string SessionExpired = nameof(SessionExpired);
        public const string ReauthenticationFailed = nameof(ReauthenticationFailed);
        public const string TableauSessionNotConnected = nameof(TableauSessionNotConnected);
        public const string TableauSessionDisconnected = nameof(TableauSessionDisconnected);
        public const string ProxyAuthenticationRequired = nameof(ProxyAuthenticationRequired);
        // A secret refused plain http to another machine (no -AllowUnencryptedAuthentication), before anything was sent.
        public const string UnencryptedAuthentication = nameof(UnencryptedAuthentication);
        // A sign-in answered by an SSO or proxy login page (HTML, a redirect to it) instead of Tableau: never repeated.
        public const string SignInIntercepted = nameof(SignInIntercepted);

        // Tableau's answers.
        public const string PermissionDenied = nameof(PermissionDenied);
        public const string SiteNotFound = nameof(SiteNotFound);
        public const string WebhookNotFound = nameof(WebhookNotFound);
        public const string UnknownResource = nameof(UnknownResource);
        public const string WebhookTestRejected = nameof(WebhookTestRejected);
        public const string WebhookTestFailed = nameof(WebhookTestFailed);
        public const string StatusChangeReasonNotAllowed = nameof(StatusChangeReasonNotAllowed);
        public const string BadRequest = nameof(BadRequest);
        public const string Throttled = nameof(Throttled);
        public const string ServerError = nameof(ServerError);
        public const string TableauApiError = nameof(TableauApiError);

        // The network and answers that are not Tableau's.
        public const string ServerUnreachable = nameof(ServerUnreachable);
        public const string RequestTimedOut = nameof(RequestTimedOut);
        public const string InvalidResponse = nameof(InvalidResponse);
        public const string CreateOutcomeUnknown = nameof(CreateOutcomeUnknown);

        // Webhooks as code: the document Sync-TableauWebhook reads, and what it will not change.
        public const string SyncDocumentNotFound = nameof(SyncDocumentNotFound);
        public const string InvalidSyncDocument = nameof(InvalidSyncDocument);
        public const string InvalidSyncEntry = nameof(InvalidSyncEntry);
        public const string DuplicateSyncEntry = nameof(DuplicateSyncEntry);
        public const string AmbiguousWebhookName = nameof(AmbiguousWebhookName);
        public const string UpdateNeedsRecreate = nameof(UpdateNeedsRecreate);

        // Webhooks as code: the document's rules (Test-TableauWebhookDocument, Sync-TableauWebhook), the sync's maps, and
        // an export that could not read every site. A document with any of these problems changes nothing.
        public const string NonStandardJson = nameof(NonStandardJson);
        public const string UnknownDocumentKey = nameof(UnknownDocumentKey);
        public const string MissingDocumentKey = nameof(MissingDocumentKey);
        public const string DuplicateDocumentKey = nameof(DuplicateDocumentKey);
        public const string InvalidDocumentValue = nameof(InvalidDocumentValue);
        public const string DuplicateDocumentSite = nameof(DuplicateDocumentSite);
        public const string UndeclaredDocumentSite = nameof(UndeclaredDocumentSite);
        public const string SiteMapKeyNotInDocument = nameof(SiteMapKeyNotInDocument);
        public const string InvalidDestinationUrlMap = nameof(InvalidDestinationUrlMap);
        public const string ExportIncomplete = nameof(ExportIncomplete);

        // Receiving events: payloads and the listener.
        public const string InvalidWebhookPayload = nameof(InvalidWebhookPayload);
        public const string ReceiverCertificateInvalid = nameof(ReceiverCertificateInvalid);
        public const string ReceiverNeedsTls = nameof(ReceiverNeedsTls);
        public const string ReceiverPathTooShort = nameof(ReceiverPathTooShort);
        public const string ReceiverCannotListen = nameof(ReceiverCannotListen);
        public const string ReceiverSpoolInvalid = nameof(ReceiverSpoolInvalid);

        // Files the cmdlets write.
        public const string ExportFileExists = nameof(ExportFileExists);
        public const string ExportFileWriteFailed = nameof(ExportFileWriteFailed);
    }
}
