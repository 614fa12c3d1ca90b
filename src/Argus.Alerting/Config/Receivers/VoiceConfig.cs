using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>voice_configs</c> (Argus): places a phone call reading the message to the numbers in <c>to</c> through an HTTP voice gateway (<c>url</c> or <c>url_file</c>, optional bearer <c>token</c>). Resolved notifications are off by default.</summary>
public sealed class VoiceConfig : NotifierConfig
{
    public override string Kind => "voice_configs";

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

    public string Message { get; init; } = "{{ template \"voice.default.message\" . }}";

    public TimeSpan Timeout { get; init; }

    internal static VoiceConfig Read(ReaderContext ctx, YamlMap map)
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: false);
        var url = ctx.UrlOrFile(map, "url", "url_file");
        var token = ctx.SecretOrFile(map, "token", "token_file");
        var config = new VoiceConfig
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
            Message = map.String("message") ?? "{{ template \"voice.default.message\" . }}",
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
