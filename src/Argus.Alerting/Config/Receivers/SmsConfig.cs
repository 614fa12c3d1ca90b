using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>sms_configs</c> (Argus): sends a text message to the numbers in <c>to</c> through the <c>provider</c>
/// (an HTTP gateway, Twilio or Alibaba Cloud). Resolved notifications are off by default.</summary>
public sealed class SmsConfig : PhoneGatewayConfig
{
    private const string DefaultMessage = "{{ template \"sms.default.message\" . }}";

    public SmsConfig()
        : base(DefaultMessage)
    {
    }

    public override string Kind => "sms_configs";

    public override bool IsVoice => false;

    internal static SmsConfig Read(ReaderContext ctx, YamlMap map) => ReadEntry<SmsConfig>(ctx, map, DefaultMessage);
}
