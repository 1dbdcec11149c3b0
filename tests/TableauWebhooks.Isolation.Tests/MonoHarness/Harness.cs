// Compiled at test time by MonoFrameworkPathTests with Mono's mcs (net4x profile), NOT by dotnet: see the csproj.
// References nothing of the module. It does what Windows PowerShell 5.1 does to the module, minus PowerShell itself:
// loads out/TableauWebhooks/TableauWebhooks.dll by path, hooks the module's own AssemblyResolve handler
// (DependencyResolver.Install, internal: by reflection), lets the runtime find TableauWebhooks.Client through it, and
// drives the client by reflection against the simulator. One line per step, "STEP name: OK|FAIL detail"; exit 0 only
// when every step passed.
//
// Usage: Harness.exe <module directory> <simulator base url> <receiver base url> <decoy assembly path> <pfx path> <pfx password>
// The decoy is an older copy of one of the module's dependencies, loaded before the module, as another module or the
// host may have done in a Windows PowerShell process. The PFX is a self-signed certificate for 127.0.0.1 with its
// private key, made by the test with .NET's CertificateRequest (Mono 6.8's throws PlatformNotSupportedException):
// Receive-TableauWebhookEvent's listener serves https with it.
using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

internal static class Harness
{
    private static int _failures;
    private static Assembly _client;
    private static readonly List<string> TraceLines = new List<string>();

    private static int Main(string[] args)
    {
        if (args.Length != 6)
        {
            Console.WriteLine("usage: Harness.exe <module directory> <simulator base url> <receiver base url> <decoy assembly path> <pfx path> <pfx password>");
            return 2;
        }
        var moduleDirectory = Path.GetFullPath(args[0]);
        var dependencyDirectory = Path.Combine(moduleDirectory, "dependencies");
        var server = new Uri(args[1]);
        var receiver = new Uri(args[2]);
        var decoyPath = args[3];
        var pfxPath = args[4];
        var pfxPassword = args[5];

        try
        {
            Run(moduleDirectory, dependencyDirectory, server, receiver, decoyPath, pfxPath, pfxPassword);
        }
        catch (Exception ex)
        {
            // A step that throws ends the run: later steps depend on it.
            Step("unexpected", false, Describe(ex));
        }
        Console.WriteLine(_failures == 0 ? "DONE: all steps passed" : "DONE: " + _failures + " step(s) failed");
        return _failures == 0 ? 0 : 1;
    }

    private static void Run(string moduleDirectory, string dependencyDirectory, Uri server, Uri receiver, string decoyPath, string pfxPath, string pfxPassword)
    {
        Step("runtime", typeof(object).Assembly.GetName().Name == "mscorlib",
            "core library " + typeof(object).Assembly.GetName().Name + ", " + Environment.Version + (Type.GetType("Mono.Runtime") != null ? " (Mono)" : ""));

        // An older copy of one dependency, already in the process before the module.
        var decoy = Assembly.LoadFrom(decoyPath);
        Step("decoy", true, decoy.GetName().Name + " " + decoy.GetName().Version + " from " + decoy.Location);

        // Only watches: registered first, it sees every name the runtime could not bind itself, and answers none.
        var asked = new List<string>();
        AppDomain.CurrentDomain.AssemblyResolve += (sender, e) => { lock (asked) asked.Add(new AssemblyName(e.Name).Name); return null; };

        var module = Assembly.LoadFrom(Path.Combine(moduleDirectory, "TableauWebhooks.dll"));
        var resolver = module.GetType("TableauWebhooks.Loading.DependencyResolver", true);
        var install = resolver.GetMethod("Install", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
        var uninstall = (Action)install.Invoke(null, new object[] { dependencyDirectory });
        Step("install-resolver", uninstall != null, "DependencyResolver.Install(" + dependencyDirectory + ")");

        // What the runtime does the first time a cmdlet touches a client type: bind the module's reference to
        // TableauWebhooks.Client, which is not beside TableauWebhooks.dll, so only the handler can answer.
        var clientReference = module.GetReferencedAssemblies().Single(n => n.Name == "TableauWebhooks.Client");
        _client = Assembly.Load(clientReference);
        Step("load-client", InFolder(_client, dependencyDirectory), _client.FullName + " from " + _client.Location);

        // Before anything signs in, so that the payload reader is what first needs System.Text.Json.
        ReadPayloads(dependencyDirectory);

        // The TLS step on its own: TLS 1.2 is added, what was there stays.
        var tls = _client.GetType("TableauWebhooks.Client.Http.TlsDefaults", true)
            .GetMethod("EnsureTls12OnNetFramework", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
        ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls11;
        var before = ServicePointManager.SecurityProtocol;
        tls.Invoke(null, null);
        var after = ServicePointManager.SecurityProtocol;
        Step("tls", after == (SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12), "before " + before + "; after " + after);

        // And as the client runs it: every sign-in builds an HttpStack, which runs the TLS step first.
        ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls11;
        var client = SignIn(server, "PasswordCredential", "admin", "admin");
        Step("signin-password", client != null && Get<string>(client, "AuthenticationMethod") == "Password",
            "user " + Get<string>(client, "UserName") + ", API " + Get<object>(client, "ApiVersion") + ", site '" + Get<string>(client, "SiteContentUrl") + "'");
        var afterSignIn = ServicePointManager.SecurityProtocol;
        Step("tls-at-sign-in", afterSignIn == (SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12), "before Tls11; after " + afterSignIn);

        var name = "mono-harness-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        var destination = new Uri(receiver, "hooks/mono-harness").ToString();
        var create = New("TableauWebhooks.Client.Models.WebhookCreateRequest");
        Set(create, "Name", name);
        Set(create, "Event", "WorkbookCreated");
        Set(create, "DestinationUrl", destination);
        var created = Await(Call(client, "CreateWebhookAsync", create));
        var id = Get<string>(created, "Id");
        Step("create", !string.IsNullOrEmpty(id) && Get<string>(created, "Name") == name, "id " + id + ", event " + Get<string>(created, "Event"));

        var listed = ((IEnumerable)Await(Call(client, "ListWebhooksAsync"))).Cast<object>().ToList();
        Step("list", listed.Any(w => Get<string>(w, "Id") == id), listed.Count + " webhook(s), the new one among them");

        var update = New("TableauWebhooks.Client.Models.WebhookUpdateRequest");
        Set(update, "Name", name + "-renamed");
        Set(update, "Enabled", (bool?)false);
        var updated = Await(Call(client, "UpdateWebhookAsync", id, update));
        Step("update", Get<string>(updated, "Name") == name + "-renamed" && !Get<bool>(updated, "Enabled"),
            "name " + Get<string>(updated, "Name") + ", enabled " + Get<bool>(updated, "Enabled"));

        var tested = Await(Call(client, "TestWebhookAsync", id));
        Step("test", Get<int>(tested, "DestinationStatus") == 200, "destination answered " + Get<int>(tested, "DestinationStatus"));

        // A 401 on an ordinary call: the simulator ends the session of the next GET on /webhooks, and the client
        // must sign in again with the stored credential and replay the request.
        EnqueueFault(server, "{\"kind\":\"ExpireToken\",\"method\":\"GET\",\"pathContains\":\"/webhooks\"}");
        var signedInBefore = Get<DateTimeOffset>(client, "SignedInAt");
        var fetched = Await(Call(client, "GetWebhookAsync", id));
        var resigned = Get<DateTimeOffset>(client, "SignedInAt") > signedInBefore;
        string trace;
        lock (TraceLines) trace = TraceLines.LastOrDefault(l => l.Contains("signed in again")) ?? "";
        Step("resign-in", Get<string>(fetched, "Id") == id && resigned && trace.Length > 0, "after a 401: " + trace);

        Await(Call(client, "DeleteWebhookAsync", id));
        var remaining = ((IEnumerable)Await(Call(client, "ListWebhooksAsync"))).Cast<object>().ToList();
        Step("delete", remaining.All(w => Get<string>(w, "Id") != id), remaining.Count + " webhook(s) left");

        Await(Call(client, "SignOutAsync"));
        ((IDisposable)client).Dispose();

        var tokenClient = SignIn(server, "PersonalAccessTokenCredential", "admin-pat", "admin-pat-secret");
        var tokenList = ((IEnumerable)Await(Call(tokenClient, "ListWebhooksAsync"))).Cast<object>().Count();
        Step("signin-token", Get<string>(tokenClient, "AuthenticationMethod") == "PersonalAccessToken",
            "user " + Get<string>(tokenClient, "UserName") + ", listed " + tokenList + " webhook(s)");
        Await(Call(tokenClient, "SignOutAsync"));
        ((IDisposable)tokenClient).Dispose();

        // Receive-TableauWebhookEvent's listener and desk, without the cmdlet: over http, then https.
        Receive(module, "receiver-http", null);
        X509Certificate2 certificate;
        try
        {
            certificate = new X509Certificate2(pfxPath, pfxPassword);
        }
        catch (Exception ex)
        {
            Step("receiver-tls", false, "Mono could not load the test's PFX (" + pfxPath + "): " + Describe(ex));
            certificate = null;
        }
        if (certificate != null) Receive(module, "receiver-tls", certificate);

        lock (asked)
            Step("resolve-requests", asked.Contains("TableauWebhooks.Client"),
                "the runtime asked the handlers for: " + string.Join(", ", asked.Distinct().OrderBy(x => x)));
        CheckLoadedAssemblies(dependencyDirectory, decoy);

        var sma = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "System.Management.Automation").ToList();
        Step("no-sma", sma.Count == 0, sma.Count == 0 ? "System.Management.Automation was never loaded" : "loaded: " + sma[0].FullName);
        uninstall();
    }

    /// <summary>A documented Tableau payload (reference 5.2), as Tableau posts it.</summary>
    private const string RefreshFailedPayload = "{\"resource\":\"DATASOURCE\",\"event_type\":\"DatasourceRefreshFailed\",\"resource_name\":\"Sales\","
        + "\"site_luid\":\"8a6a2a7c-5c0d-4f6f-9a8e-7c1a2d3e4f50\",\"resource_luid\":\"1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b\","
        + "\"created_at\":\"2026-11-30T06:00:00Z\"}";

    /// <summary>
    /// ConvertFrom-TableauWebhookPayload's reader (the client's WebhookPayload.Read), by reflection: a documented payload
    /// is read into its fields, and a body that is not JSON is the client's TableauException with ErrorId
    /// InvalidWebhookPayload, not System.Text.Json's own exception escaping. The reader is System.Text.Json's JsonDocument,
    /// which must come from dependencies/ on a Framework runtime.
    /// </summary>
    private static void ReadPayloads(string dependencyDirectory)
    {
        var reader = _client.GetType("TableauWebhooks.Client.Events.WebhookPayload", true);
        var read = reader.GetMethod("Read", BindingFlags.Static | BindingFlags.Public, null, new[] { typeof(string) }, null);
        var jsonBefore = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "System.Text.Json");

        var payload = read.Invoke(null, new object[] { RefreshFailedPayload });
        var eventType = Get<string>(payload, "EventType");
        var known = Get<object>(payload, "KnownEvent");
        var knownName = Get<string>(known, "Name");
        var createdAt = Get<DateTimeOffset?>(payload, "CreatedAt");
        var read1 = eventType == "DatasourceRefreshFailed" && knownName == "DatasourceRefreshFailed" && Get<string>(payload, "ResourceName") == "Sales"
            && createdAt == new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero) && !Get<bool>(payload, "IsTest");

        string invalid;
        var read2 = false;
        try
        {
            read.Invoke(null, new object[] { "{\"event_type\": DatasourceRefreshFailed}" });
            invalid = "an invalid payload was read without an error";
        }
        catch (TargetInvocationException ex)
        {
            var error = ex.InnerException;
            var errorId = error.GetType().GetProperty("ErrorId") == null ? null : Get<string>(error, "ErrorId");
            read2 = error.GetType().FullName == "TableauWebhooks.Client.Errors.TableauException" && error.GetType().Assembly == _client && errorId == "InvalidWebhookPayload";
            invalid = error.GetType().Name + " " + errorId + " (" + error.Message + ")";
        }

        var json = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "System.Text.Json");
        var jsonFromFolder = json != null && InFolder(json, dependencyDirectory);
        Step("payload", read1 && read2 && !jsonBefore && jsonFromFolder,
            eventType + " (known as " + knownName + "), '" + Get<string>(payload, "ResourceName") + "', created "
            + (createdAt.HasValue ? createdAt.Value.ToString("o") : "null") + "; not JSON: " + invalid + "; "
            + (json == null ? "System.Text.Json not loaded" : "System.Text.Json " + json.GetName().Version + (jsonBefore ? " (already loaded before)" : "") + " from " + (jsonFromFolder ? "dependencies/" : json.Location)));
    }

    /// <summary>
    /// What Receive-TableauWebhookEvent does between its checks and its output: a DeliveryDesk on a secret path and a
    /// WebhookListener on a loopback port the system chooses, wired as the cmdlet wires them (desk.Handle,
    /// desk.Notes.Enqueue). A Tableau payload posted to the secret path is answered 200 and queued; a GET is 405 and
    /// another path 404, and neither is queued. Over https when given a certificate: first without trusting it, which
    /// must fail the handshake on the client's side (so the certificate served is checked, and it is the one given),
    /// then trusting that one certificate for those requests only.
    /// </summary>
    private static void Receive(Assembly module, string step, X509Certificate2 certificate)
    {
        var flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var deskType = module.GetType("TableauWebhooks.Receiving.DeliveryDesk", true);
        var listenerType = module.GetType("TableauWebhooks.Receiving.WebhookListener", true);
        var secret = Guid.NewGuid().ToString("N");
        var desk = Activator.CreateInstance(deskType, flags, null, new object[] { secret, TimeSpan.FromMinutes(10), null, null }, null); // no -Count, no -SpoolPath
        var notes = Get<object>(desk, "Notes");

        var constructor = listenerType.GetConstructors(flags).Single();
        var parameters = constructor.GetParameters();
        var handle = Delegate.CreateDelegate(parameters[4].ParameterType, desk, deskType.GetMethod("Handle", flags));
        var report = Delegate.CreateDelegate(parameters[5].ParameterType, notes, notes.GetType().GetMethod("Enqueue"));
        // The optional parameters after these (the connection limit, the secret to mask in notes) at their defaults.
        var arguments = new object[] { IPAddress.Loopback, 0, certificate, 65536, handle, report }
            .Concat(parameters.Skip(6).Select(p => p.HasDefaultValue ? p.DefaultValue : null)).ToArray();
        var listener = (IDisposable)constructor.Invoke(arguments);
        try
        {
            listenerType.GetMethod("Start", flags).Invoke(listener, null);
            var port = Get<int>(listener, "Port");
            var root = (certificate == null ? "http" : "https") + "://127.0.0.1:" + port + "/";

            string untrusted = null, handshakeNote = null;
            if (certificate != null)
            {
                untrusted = Send("POST", root + secret + "/", RefreshFailedPayload, null);
                // The listener's side of that refused handshake: noted once the client lets the connection go.
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (handshakeNote == null && waited.Elapsed < TimeSpan.FromSeconds(15))
                {
                    handshakeNote = ((IEnumerable)notes).Cast<string>().FirstOrDefault(n => n.Contains("the TLS handshake failed"));
                    if (handshakeNote == null) Thread.Sleep(50);
                }
            }
            var post = Send("POST", root + secret + "/", RefreshFailedPayload, certificate);
            var get = Send("GET", root + secret + "/", null, certificate);
            var wrongPath = Send("POST", root + "not-the-secret/", RefreshFailedPayload, certificate);

            var deliveries = ((IEnumerable)Get<object>(desk, "Deliveries")).Cast<object>().Select(accepted => Get<object>(accepted, "Delivery")).ToList();
            var delivery = deliveries.FirstOrDefault();
            var queued = deliveries.Count == 1 && delivery.GetType().FullName == "TableauWebhooks.Output.TableauWebhookDelivery"
                && Get<string>(delivery, "ResourceName") == "Sales" && Get<string>(delivery, "Event") == "DatasourceRefreshFailed";
            var noteCount = ((IEnumerable)notes).Cast<object>().Count();

            listenerType.GetMethod("Stop", flags).Invoke(listener, null);
            var refusedUntrusted = untrusted != null && untrusted.StartsWith("no answer (TrustFailure", StringComparison.Ordinal);
            Step(step, post == "200" && get == "405" && wrongPath == "404" && queued
                    && (certificate == null || (refusedUntrusted && handshakeNote != null && handshakeNote.StartsWith("Refused a connection from 127.0.0.1: ", StringComparison.Ordinal))),
                (certificate == null ? "http: " : "https (" + certificate.Subject + "): not trusted, " + (refusedUntrusted ? "the sender refused it (TrustFailure)" : untrusted)
                    + " and the listener noted \"" + handshakeNote + "\"; trusted, ")
                + "POST " + post + ", GET " + get + ", another path " + wrongPath
                + "; queued " + deliveries.Count + ": " + string.Join(", ", deliveries.Select(d => d.GetType().Name + " " + Get<string>(d, "Event")
                    + " '" + Get<string>(d, "ResourceName") + "' at " + Get<string>(d, "Path") + " from " + Get<string>(d, "RemoteAddress")))
                + "; " + noteCount + " refusal note(s)");
        }
        catch (Exception ex)
        {
            Step(step, false, Describe(ex));
        }
        finally
        {
            listener.Dispose();
        }
    }

    /// <summary>
    /// One request with System.dll's HttpWebRequest, as a .NET Framework sender would make it; the status as text, or
    /// the failure. Over https only the given certificate is trusted, and only for this request.
    /// </summary>
    private static string Send(string method, string url, string body, X509Certificate2 certificate)
    {
        var request = (HttpWebRequest)WebRequest.Create(url);
        request.Method = method;
        request.Proxy = null;
        request.KeepAlive = false;
        request.Timeout = 15000;
        request.UserAgent = "TableauWebhooks/1.0";
        if (certificate != null)
        {
            var expected = certificate.GetCertHashString();
            request.ServerCertificateValidationCallback = (sender, presented, chain, errors) => presented != null && presented.GetCertHashString() == expected;
        }
        try
        {
            if (body != null)
            {
                var bytes = Encoding.UTF8.GetBytes(body);
                request.ContentType = "application/json";
                request.ContentLength = bytes.Length;
                using (var stream = request.GetRequestStream()) stream.Write(bytes, 0, bytes.Length);
            }
            using (var response = (HttpWebResponse)request.GetResponse()) return ((int)response.StatusCode).ToString();
        }
        catch (WebException ex) when (ex.Response is HttpWebResponse)
        {
            using (var response = (HttpWebResponse)ex.Response) return ((int)response.StatusCode).ToString();
        }
        catch (WebException ex)
        {
            return "no answer (" + ex.Status + ": " + Describe(ex) + ")";
        }
    }

    /// <summary>
    /// Every loaded assembly named like a file in dependencies/ came from there, except the decoy, which stays what it
    /// was, and what the runtime itself insists on serving from its GAC (listed); and the module's copy of the decoy's
    /// assembly was loaded beside it.
    /// </summary>
    private static void CheckLoadedAssemblies(string dependencyDirectory, Assembly decoy)
    {
        var shipped = new HashSet<string>(Directory.GetFiles(dependencyDirectory, "*.dll").Select(Path.GetFileNameWithoutExtension), StringComparer.OrdinalIgnoreCase);
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && shipped.Contains(a.GetName().Name)).ToList();
        var fromFolder = loaded.Where(a => InFolder(a, dependencyDirectory)).ToList();
        // Mono binds some framework assemblies (System.Numerics.Vectors) to its own GAC copy whatever version is
        // asked for, before any resolve handler runs; .NET Framework does not do that for these names. Reported apart.
        var fromRuntime = loaded.Where(a => a != decoy && !InFolder(a, dependencyDirectory) && a.GlobalAssemblyCache).ToList();
        var stray = loaded.Where(a => a != decoy && !InFolder(a, dependencyDirectory) && !a.GlobalAssemblyCache).ToList();
        Step("dependencies-from-folder", stray.Count == 0 && fromFolder.Count > 1,
            stray.Count == 0
                ? fromFolder.Count + " from dependencies/; from the runtime's GAC: "
                    + (fromRuntime.Count == 0 ? "none" : string.Join(", ", fromRuntime.Select(a => a.GetName().Name + " " + a.GetName().Version).OrderBy(x => x)))
                    + "; from dependencies/: " + string.Join(", ", fromFolder.Select(a => a.GetName().Name + " " + a.GetName().Version).OrderBy(x => x))
                : "neither from dependencies/ nor the runtime: " + string.Join(", ", stray.Select(a => a.GetName().Name + " " + a.GetName().Version + " at " + a.Location)));

        var decoyName = decoy.GetName().Name;
        var copies = loaded.Where(a => a.GetName().Name == decoyName).ToList();
        var own = copies.FirstOrDefault(a => InFolder(a, dependencyDirectory));
        Step("decoy-coexists", copies.Contains(decoy) && own != null && own.GetName().Version != decoy.GetName().Version,
            decoyName + ": " + string.Join(" + ", copies.Select(a => a.GetName().Version + (a == decoy ? " (decoy)" : InFolder(a, dependencyDirectory) ? " (dependencies/)" : " (" + a.Location + ")"))));
    }

    private static object SignIn(Uri server, string credentialType, string name, string secret)
    {
        var options = New("TableauWebhooks.Client.TableauClientOptions");
        Set(options, "ServerUrl", server);
        Set(options, "NoProxy", true);
        Set(options, "MaxRetries", 0);
        Set(options, "Trace", new Action<string>(line => { lock (TraceLines) TraceLines.Add(line); }));
        var credential = Activator.CreateInstance(_client.GetType("TableauWebhooks.Client.Auth." + credentialType, true), name, Secure(secret));
        var signIn = _client.GetType("TableauWebhooks.Client.TableauRestClient", true).GetMethod("SignInAsync", BindingFlags.Static | BindingFlags.Public);
        return Await((Task)signIn.Invoke(null, new[] { options, credential, (object)CancellationToken.None }));
    }

    /// <summary>POST /_simulator/faults/enqueue with System.dll's WebClient (nothing of the module's HTTP stack).</summary>
    private static void EnqueueFault(Uri server, string json)
    {
        using (var web = new WebClient())
        {
            web.Headers[HttpRequestHeader.ContentType] = "application/json";
            web.UploadString(new Uri(server, "_simulator/faults/enqueue"), "POST", json);
        }
    }

    private static Task Call(object target, string method, params object[] args)
    {
        var all = new object[args.Length + 1];
        Array.Copy(args, all, args.Length);
        all[args.Length] = CancellationToken.None;
        return (Task)target.GetType().GetMethod(method, BindingFlags.Instance | BindingFlags.Public).Invoke(target, all);
    }

    private static object Await(Task task)
    {
        try
        {
            task.Wait();
        }
        catch (AggregateException ex)
        {
            throw ex.InnerException;
        }
        var result = task.GetType().GetProperty("Result");
        return result == null ? null : result.GetValue(task, null);
    }

    private static object New(string typeName) => Activator.CreateInstance(_client.GetType(typeName, true));

    private static void Set(object target, string property, object value) => target.GetType().GetProperty(property).SetValue(target, value, null);

    private static T Get<T>(object target, string property) => target == null ? default(T) : (T)target.GetType().GetProperty(property).GetValue(target, null);

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    private static bool InFolder(Assembly assembly, string folder) =>
        !assembly.IsDynamic && string.Equals(Path.GetDirectoryName(assembly.Location), folder.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    private static string Describe(Exception ex)
    {
        var text = new StringBuilder();
        for (var e = ex; e != null; e = e.InnerException)
        {
            if (e is TargetInvocationException) continue;
            if (text.Length > 0) text.Append(" <- ");
            text.Append(e.GetType().FullName).Append(": ").Append(e.Message.Replace('\n', ' '));
        }
        return text.ToString();
    }

    private static void Step(string name, bool ok, string detail)
    {
        if (!ok) _failures++;
        Console.WriteLine("STEP " + name + ": " + (ok ? "OK " : "FAIL ") + detail);
    }
}
