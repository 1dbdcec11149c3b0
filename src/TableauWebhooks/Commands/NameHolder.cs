using System;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// A webhook that has, or is being given by this command, a name (WebhookNameGuard); it says who holds the name
    /// when another item is refused it.
    /// </summary>
    internal sealed class NameHolder
    {
        public NameHolder(string name, Guid? id, string? pending)
        {
            Name = name;
            Id = id;
            Pending = pending;
        }

        /// <summary>The name exactly as the webhook has it, or is given it.</summary>
        public string Name { get; }

        /// <summary>The webhook's id; null while a create of this command has not answered.</summary>
        public Guid? Id { get; private set; }

        /// <summary>How an earlier item of this command gives the name, as a clause ("an earlier row of this command creates one"); null once done.</summary>
        public string? Pending { get; private set; }

        public void Confirm(Guid id)
        {
            Id = id;
            Pending = null;
        }

        /// <summary>Why the name is taken, for an error: "the Default site already has a webhook named 'x' (id ...)", or the pending clause.</summary>
        public string Describe(string site)
            => Pending != null
                ? Pending
                : $"{site} already has a webhook named '{Name}'{(Id.HasValue ? $" (id {Id})" : "")}";
    }
}
