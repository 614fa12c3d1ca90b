using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>voice_configs</c> (Argus): places a phone call reading the message to the numbers in <c>to</c> through
/// the <c>provider</c> (an HTTP gateway, Twilio or Alibaba Cloud). Resolved notifications are off by default.</summary>
public sealed class VoiceConfig : PhoneGatewayConfig
{
    private const string DefaultMessage = "{{ template \"voice.default.message\" . }}";

    public VoiceConfig()
        : base(DefaultMessage)
    {
    }

    public override string Kind => "voice_configs";

    public override bool IsVoice => true;

    internal static VoiceConfig Read(ReaderContext ctx, YamlMap map) => ReadEntry<VoiceConfig>(ctx, map, DefaultMessage);
}
