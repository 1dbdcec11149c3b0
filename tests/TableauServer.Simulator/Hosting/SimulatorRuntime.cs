using System;
using TableauServer.Simulator.Api;
using TableauServer.Simulator.Delivery;

namespace TableauServer.Simulator.Hosting;

/// <summary>The services endpoints share: options, the resolved API version, state and outbound delivery.</summary>
internal sealed class SimulatorRuntime
{
    public SimulatorRuntime(SimulatorOptions options, ApiVersion restApiVersion, SimulatorState state, WebhookSender sender, Uri receiverBaseUrl, string receiverThumbprint)
    {
        Options = options;
        RestApiVersion = restApiVersion;
        State = state;
        ReceiverBaseUrl = receiverBaseUrl;
        ReceiverThumbprint = receiverThumbprint;
        Tester = new WebhookTester(sender);
        Dispatcher = new EventDispatcher(options, state.WebhookStore, sender);
    }

    public SimulatorOptions Options { get; }

    /// <summary>The highest version this server speaks (serverinfo's restApiVersion).</summary>
    public ApiVersion RestApiVersion { get; }

    public SimulatorState State { get; }
    public Uri ReceiverBaseUrl { get; }

    /// <summary>SHA-256 of the receiver's self-signed certificate, which outbound delivery always trusts.</summary>
    public string ReceiverThumbprint { get; }
    public WebhookTester Tester { get; }
    public EventDispatcher Dispatcher { get; }
}
