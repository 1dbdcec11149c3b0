using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace TableauWebhooks.Sessions
{
    /// <summary>
    /// The sessions of one runspace and which of them is current. Kept per runspace, not per process, so two
    /// runspaces (jobs, ForEach-Object -Parallel, hosted engines) never share or overwrite each other's sessions.
    /// </summary>
    internal sealed class SessionRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, SessionRegistry> ByRunspace = new ConditionalWeakTable<Runspace, SessionRegistry>();
        private readonly List<TableauSession> _sessions = new List<TableauSession>();
        private readonly object _gate = new object();

        public static SessionRegistry ForCurrentRunspace() => ByRunspace.GetValue(Runspace.DefaultRunspace, _ => new SessionRegistry());

        public TableauSession? Current { get; private set; }

        public IReadOnlyList<TableauSession> All
        {
            get { lock (_gate) return _sessions.ToArray(); }
        }

        public void Add(TableauSession session, bool makeCurrent)
        {
            lock (_gate)
            {
                _sessions.Add(session);
                if (makeCurrent) Current = session;
            }
        }

        public void Remove(TableauSession session)
        {
            lock (_gate)
            {
                _sessions.Remove(session);
                if (ReferenceEquals(Current, session)) Current = null;
            }
        }
    }
}
