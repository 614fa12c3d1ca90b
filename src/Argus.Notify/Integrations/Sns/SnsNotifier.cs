using System.Text;
using System.Text.RegularExpressions;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Sns;

/// <summary>
/// <c>sns_configs</c>: SNS <c>Publish</c> through the Query API, signed with SigV4 (credentials from
/// <see cref="AwsCredentialSource"/>). Topic, target and phone number, subject, message and attributes are templates.
/// Messages are cut (at a rune boundary) to SNS's 256 KiB, or 1600 bytes for SMS, and then carry the attribute
/// <c>truncated=true</c>; a FIFO topic (<c>.fifo</c>) gets the group key's hash as message group and de-duplication id.
/// 5xx and AWS throttling errors are retried.
/// </summary>
public sealed partial class SnsNotifier : HttpNotifier<SnsConfig>
{
    private const int MaxMessageBytes = 256 * 1024;
    private const int MaxSmsBytes = 1600;

    private readonly TimeProvider _time;
    private readonly AwsCredentialSource _credentials;

    public SnsNotifier(SnsConfig config, HttpClient client, TimeProvider? time = null)
        : this(config, client, time, environment: null, stsEndpoint: null)
    {
    }

    internal SnsNotifier(SnsConfig config, HttpClient client, TimeProvider? time, Func<string, string?>? environment, Uri? stsEndpoint)
        : base(config, client)
    {
        _time = time ?? TimeProvider.System;
        _credentials = new AwsCredentialSource(config.SigV4, client, _time, environment, stsEndpoint);
    }

    public override string Integration => "sns";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var t = new TemplateExpander(request, Integration);
        var apiUrl = t.Expand("api_url", Config.ApiUrl);
        var region = _credentials.Region ?? RegionOf(apiUrl)
            ?? throw new NotifyException("sns: no AWS region: set sigv4.region, AWS_REGION or an api_url like https://sns.<region>.amazonaws.com", retryable: false);
        var endpoint = apiUrl.Length > 0 ? ConfigValues.AbsoluteUrl(apiUrl, "sns api_url") : new Uri($"https://sns.{region}.amazonaws.com/");
        var parameters = Render(request, t);
        var credentials = await _credentials.GetAsync(region, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        var exchange = await AwsQuery.PostAsync(Client, endpoint, parameters, credentials, region, "sns", _time.GetUtcNow(), Integration, TimeSpan.Zero, cancellationToken)
            .ConfigureAwait(false);
        AwsQuery.EnsureSuccess(exchange, endpoint, Integration);
    }

    /// <summary>The Publish parameters for <paramref name="request"/> (unsorted; the encoder sorts them).</summary>
    internal List<KeyValuePair<string, string>> Render(NotificationRequest request, TemplateExpander t)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("Action", "Publish"), new("Version", "2010-03-31") };
        var limit = MaxMessageBytes;
        if (Config.TopicArn is not null)
        {
            var topic = t.Expand("topic_arn", Config.TopicArn);
            parameters.Add(new("TopicArn", topic));
            if (Config.IsFifoTopic || topic.EndsWith(".fifo", StringComparison.Ordinal))
            {
                var id = GroupKeys.Hash(request.GroupKey);
                parameters.Add(new("MessageDeduplicationId", id));
                parameters.Add(new("MessageGroupId", id));
            }
        }
        if (Config.PhoneNumber is not null)
        {
            parameters.Add(new("PhoneNumber", t.Expand("phone_number", Config.PhoneNumber)));
            limit = MaxSmsBytes;
        }
        if (Config.TargetArn is not null)
        {
            parameters.Add(new("TargetArn", t.Expand("target_arn", Config.TargetArn)));
        }
        var attributes = Config.Attributes
            .Select(a => (Name: t.Expand("attributes key", a.Key), Value: t.Expand("attributes." + a.Key, a.Value)))
            .ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
        var message = t.Expand("message", Config.Message);
        if (Encoding.UTF8.GetByteCount(message) > limit)
        {
            message = TextLimits.Utf8Prefix(message, limit);
            attributes["truncated"] = "true";
        }
        parameters.Add(new("Message", message));
        var index = 1;
        foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var prefix = $"MessageAttributes.entry.{index++}.";
            parameters.Add(new(prefix + "Name", name));
            parameters.Add(new(prefix + "Value.DataType", "String"));
            parameters.Add(new(prefix + "Value.StringValue", value));
        }
        if (!string.IsNullOrEmpty(Config.Subject))
        {
            parameters.Add(new("Subject", t.Expand("subject", Config.Subject)));
        }
        return parameters;
    }

    /// <summary>The region in an SNS endpoint's host (<c>sns.eu-west-1.amazonaws.com</c>), or null.</summary>
    private static string? RegionOf(string apiUrl) =>
        Uri.TryCreate(apiUrl, UriKind.Absolute, out var uri) && SnsHost().Match(uri.Host) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^sns(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$")]
    private static partial Regex SnsHost();
}
