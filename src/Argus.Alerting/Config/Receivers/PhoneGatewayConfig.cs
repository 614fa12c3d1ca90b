using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary>
/// The shape shared by the phone integrations (SMS and voice): an HTTP gateway (<c>url</c> or
/// <c>url_file</c>, optional bearer <c>token</c>), the numbers in <c>to</c>, a caller id and a
/// message template. The kinds differ only in the default message template, so the reading and
/// validation are written once here.
/// </summary>
public abstract class PhoneGatewayConfig : NotifierConfig
{
    /// <summary>Sets the kind's default message, so a config built in code matches one read from an empty entry.</summary>
    private protected PhoneGatewayConfig(string defaultMessage)
    {
        Message = defaultMessage;
    }

    /// <summary>The gateway endpoint the request is POSTed to.</summary>
    public ConfigUrl? Url { get; init; }

    public string? UrlFile { get; init; }

    /// <summary>The gateway's API token, sent as a bearer token, when it needs one.</summary>
    public Secret? Token { get; init; }

    public string? TokenFile { get; init; }

    /// <summary>Phone numbers to notify (at least one).</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>Caller id / sender name, when the gateway allows choosing one.</summary>
    public string? From { get; init; }

    public string Message { get; init; }

    public TimeSpan Timeout { get; init; }

    /// <summary>Reads and validates one entry of a phone kind; the error messages are the same for every kind.</summary>
    private protected static T ReadEntry<T>(ReaderContext ctx, YamlMap map, string defaultMessage)
        where T : PhoneGatewayConfig, new()
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: false);
        var url = ctx.UrlOrFile(map, "url", "url_file");
        var token = ctx.SecretOrFile(map, "token", "token_file");
        var config = new T
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            Url = url.Value,
            UrlFile = url.File,
            Token = token.Value,
            TokenFile = token.File,
            To = map.StringList("to") ?? [],
            From = map.String("from"),
            Message = map.String("message") ?? defaultMessage,
            Timeout = map.Duration("timeout") ?? TimeSpan.Zero,
        };
        map.EnsureAllRead();
        if (config.Url is null && config.UrlFile is null)
        {
            throw map.Error("one of url or url_file must be configured");
        }
        if (config.To.Count == 0 || config.To.Any(string.IsNullOrWhiteSpace))
        {
            throw map.ErrorAt("to", "to must list at least one phone number, none empty");
        }
        return config;
    }
}
