using System;
using TableauWebhooks.Output;

namespace TableauWebhooks.Receiving
{
    /// <summary>A delivery answered 200 (or kept from an earlier run), waiting for the pipeline, and where the spool keeps it.</summary>
    internal sealed class AcceptedDelivery
    {
        public AcceptedDelivery(TableauWebhookDelivery delivery, string key, string? spoolFile)
        {
            Delivery = delivery;
            Key = key;
            SpoolFile = spoolFile;
        }

        public TableauWebhookDelivery Delivery { get; }
        /// <summary>DuplicateWindow.Key of its body.</summary>
        public string Key { get; }
        /// <summary>Its file in the spool; null without -SpoolPath.</summary>
        public string? SpoolFile { get; }
        public DateTimeOffset AcceptedAt => Delivery.ReceivedAtOffset;
    }
}
