using System.Management.Automation;
using TableauWebhooks.Client.Documents;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Errors;
using TableauWebhooks.Output;

namespace TableauWebhooks.Documents
{
    /// <summary>The error record of a document's problem: its ErrorId, and the problem (place, key, reason) as the target.</summary>
    internal static class DocumentProblemRecords
    {
        public static ErrorRecord For(WebhookDocumentProblem problem)
        {
            // A document that cannot be read at all is a bad argument, as it always was; a problem inside one is bad data.
            var category = problem.ErrorId == ErrorIds.InvalidSyncDocument ? ErrorCategory.InvalidArgument : ErrorCategory.InvalidData;
            return ErrorRecordFactory.Create(problem.ErrorId, category, new TableauWebhookDocumentProblem(problem), problem.Message);
        }
    }
}
