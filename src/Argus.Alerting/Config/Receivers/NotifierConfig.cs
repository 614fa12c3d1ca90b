using Argus.Config.Http;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary>
/// What every integration entry of a receiver has: whether resolved notifications are sent (the
/// default differs per integration) and the HTTP client, which is the global <c>http_config</c>
/// unless the entry sets its own (e-mail has no HTTP client and leaves it at the global one).
/// </summary>
public abstract class NotifierConfig
{
    public bool SendResolved { get; init; }

    /// <summary>The effective HTTP client settings (own or inherited from <c>global.http_config</c>).</summary>
    public HttpClientConfig HttpConfig { get; init; } = HttpClientConfig.Default;

    /// <summary>True when the entry set its own <c>http_config</c>.</summary>
    public bool HasOwnHttpConfig { get; init; }

    /// <summary>The integration's key in a receiver, e.g. <c>webhook_configs</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>1-based line of the entry in its file, for messages.</summary>
    public int Line { get; init; }

    /// <summary>Reads the common fields into a holder the concrete reader copies from.</summary>
    internal static CommonFields ReadCommon(ReaderContext ctx, YamlMap map, bool sendResolvedDefault, bool hasHttpConfig = true)
    {
        var own = hasHttpConfig ? ctx.HttpConfig(map) : null;
        return new CommonFields(map.Bool("send_resolved", sendResolvedDefault), own ?? ctx.Global.HttpConfig, own is not null, (int)map.Node.Start.Line);
    }

    internal readonly record struct CommonFields(bool SendResolved, HttpClientConfig HttpConfig, bool OwnHttpConfig, int Line);
}
