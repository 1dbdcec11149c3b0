// Compiled at test time by MonoFrameworkPathTests with Mono's mcs (net4x profile), NOT by dotnet: see the csproj.
// References nothing of the module. It does what Windows PowerShell 5.1 does to the module, minus PowerShell itself:
// loads out/TableauWebhooks/TableauWebhooks.dll by path, hooks the module's own AssemblyResolve handler
// (DependencyResolver.Install, internal: by reflection), lets the runtime find TableauWebhooks.Client through it, and
// drives the client by reflection against the simulator. One line per step, "STEP name: OK|FAIL detail"; exit 0 only
// when every step passed.
//
// Usage: Harness.exe <module directory> <simulator base url> <receiver base url> <decoy assembly path>
// The decoy is an older copy of one of the module's dependencies, loaded before the module, as another module or the
// host may have done in a Windows PowerShell process.
using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Security;
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
        if (args.Length != 4)
        {
            Console.WriteLine("usage: Harness.exe <module directory> <simulator base url> <receiver base url> <decoy assembly path>");
            return 2;
        }
        var moduleDirectory = Path.GetFullPath(args[0]);
        var dependencyDirectory = Path.Combine(moduleDirectory, "dependencies");
        var server = new Uri(args[1]);
        var receiver = new Uri(args[2]);
        var decoyPath = args[3];

        try
        {
            Run(moduleDirectory, dependencyDirectory, server, receiver, decoyPath);
        }
        catch (Exception ex)
        {
            // A step that throws ends the run: later steps depend on it.
            Step("unexpected", false, Describe(ex));
        }
        Console.WriteLine(_failures == 0 ? "DONE: all steps passed" : "DONE: " + _failures + " step(s) failed");
        return _failures == 0 ? 0 : 1;
    }

    private static void Run(string moduleDirectory, string dependencyDirectory, Uri server, Uri receiver, string decoyPath)
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

        lock (asked)
            Step("resolve-requests", asked.Contains("TableauWebhooks.Client"),
                "the runtime asked the handlers for: " + string.Join(", ", asked.Distinct().OrderBy(x => x)));
        CheckLoadedAssemblies(dependencyDirectory, decoy);

        var sma = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "System.Management.Automation").ToList();
        Step("no-sma", sma.Count == 0, sma.Count == 0 ? "System.Management.Automation was never loaded" : "loaded: " + sma[0].FullName);
        uninstall();
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
