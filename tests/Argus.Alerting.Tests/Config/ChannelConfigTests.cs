using System.Text.Json.Nodes;
using Argus.Alerting.Config;
using Argus.Alerting.Config.Receivers;
using Argus.Config;

namespace Argus.Alerting.Tests.Config;

/// <summary>The receiver fields of the channel integrations: free-form values, Jira's field forms, Mattermost's
/// post, SNS's SigV4 settings, and the SMS/voice provider presets with their rate limits.</summary>
public sealed class ChannelConfigTests
{
    private static T Single<T>(string receiverYaml)
        where T : NotifierConfig =>
        Assert.Single(AlertmanagerConfigLoader.Load("route:\n  receiver: r\nreceivers:\n  - name: r\n" + receiverYaml, "am.yml").Receivers[0].Of<T>());

    private static ConfigException Reject(string receiverYaml) =>
        Assert.Throws<ConfigException>(() => AlertmanagerConfigLoader.Load("route:\n  receiver: r\nreceivers:\n  - name: r\n" + receiverYaml, "am.yml"));

    [Fact]
    public void Pagerduty_details_are_free_form_values_with_alertmanagers_defaults_added()
    {
        var config = Single<PagerdutyConfig>(
            "    pagerduty_configs:\n      - routing_key: rk\n        details:\n          firing: custom\n          owner: {team: db, shifts: [1, 2.5, true, null, '3']}\n");
        var details = config.Details.ToDictionary(d => d.Key, d => d.Value);
        Assert.Equal(["firing", "owner", "resolved", "num_firing", "num_resolved"], config.Details.Select(d => d.Key));
        Assert.Equal("custom", details["firing"]!.GetValue<string>());
        Assert.Equal("{\"team\":\"db\",\"shifts\":[1,2.5,true,null,\"3\"]}", details["owner"]!.ToJsonString());
        Assert.Equal("{{ .Alerts.Resolved | toJson }}", details["resolved"]!.GetValue<string>());
        Assert.Equal("{{ .Alerts.Firing | len }}", details["num_firing"]!.GetValue<string>());
        Assert.Equal(4, new PagerdutyConfig { Url = Argus.Alerting.Config.GlobalConfig.DefaultPagerdutyUrl }.Details.Count);
    }

    [Fact]
    public void Jira_fields_keep_their_structure_and_summary_description_and_labels_take_both_forms()
    {
        var legacy = Single<JiraConfig>(
            "    jira_configs:\n      - api_url: https://jira.example.com/rest/api/2\n        project: OPS\n        issue_type: Bug\n        labels: [a, b]\n" +
            "        summary: 'S'\n        fields: {customfield_10003: [{value: red}], customfield_10004: 42, components: {name: Monitoring}}\n");
        Assert.Equal(("S", true, true, true), (legacy.Summary, legacy.UpdateSummary, legacy.UpdateDescription, legacy.UpdateLabels));
        Assert.Equal(["a", "b"], legacy.Labels);
        Assert.Equal("[{\"value\":\"red\"}]", legacy.Fields[0].Value!.ToJsonString());
        Assert.Equal(42, legacy.Fields[1].Value!.GetValue<long>());
        Assert.Equal("{\"name\":\"Monitoring\"}", legacy.Fields[2].Value!.ToJsonString());

        var objects = Single<JiraConfig>(
            "    jira_configs:\n      - api_url: https://jira.example.com/rest/api/2\n        project: OPS\n        issue_type: Bug\n" +
            "        summary: {template: 'S2', enable_update: false}\n        description: {enable_update: false}\n        labels: {values: [x], enable_update: false}\n");
        Assert.Equal(("S2", false, false, false), (objects.Summary, objects.UpdateSummary, objects.UpdateDescription, objects.UpdateLabels));
        Assert.Equal("{{ template \"jira.default.description\" . }}", objects.Description);
        Assert.Equal(["x"], objects.Labels);
    }

    [Fact]
    public void Mattermost_reads_its_post_attachments_props_and_priority()
    {
        var config = Single<MattermostConfig>(
            "    mattermost_configs:\n      - webhook_url: https://mm.example.com/hooks/x\n        channel: ops\n        type: custom_alert\n        icon_emoji: ':fire:'\n" +
            "        title: ignored\n        color: ignored\n        fields: [{title: t, value: v}]\n" +
            "        attachments: [{title: T, color: '#f00', fields: [{title: Job, value: '{{ .GroupLabels.job }}', short: true}]}]\n" +
            "        props: {card: md}\n        priority: {priority: urgent, requested_ack: true}\n");
        Assert.Equal(("ops", "custom_alert", ":fire:", "md", "urgent", true, false),
            (config.Channel, config.Type, config.IconEmoji, config.PropsCard, config.Priority, config.PriorityRequestedAck, config.PriorityPersistentNotifications));
        Assert.Equal("{{ template \"mattermost.default.username\" . }}", config.Username);
        var attachment = Assert.Single(config.Attachments);
        Assert.Equal(("T", "#f00", "Job", true), (attachment.Title, attachment.Color, attachment.Fields[0].Title, attachment.Fields[0].Short));
    }

    [Theory]
    [InlineData("    mattermost_configs:\n      - webhook_url: http://m/\n        attachments: [{fields: [{value: v}]}]\n", "missing title in Mattermost field configuration")]
    [InlineData("    mattermost_configs:\n      - webhook_url: http://m/\n        fields: [{title: t}]\n", "missing value in Mattermost field configuration")]
    [InlineData("    mattermost_configs:\n      - webhook_url: http://m/\n        attachments: [{titel: x}]\n", "field titel not found")]
    [InlineData("    jira_configs:\n      - api_url: http://j/\n        project: P\n        issue_type: B\n        summary: {template: x, update: false}\n", "field update not found")]
    [InlineData("    sns_configs:\n      - topic_arn: t\n        sigv4: {access_key: k, secret_key: s, secret_key_file: /f}\n", "at most one of secret_key & secret_key_file")]
    [InlineData("    sns_configs:\n      - topic_arn: t\n        sigv4: {secret_key_file: /f}\n", "Access key and Secret Key")]
    public void Channel_entries_are_validated(string receiverYaml, string reason)
    {
        var e = Reject(receiverYaml);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Matches("^am\\.yml:[0-9]+:[0-9]+: ", e.Message);
    }

    [Fact]
    public void Sns_reads_sigv4_with_a_secret_file_and_the_newer_upstream_fields()
    {
        var config = Single<SnsConfig>(
            "    sns_configs:\n      - api_url: 'https://sns.{{ .CommonLabels.region }}.amazonaws.com'\n        topic_arn: 'arn:aws:sns:eu-west-1:1:t.fifo'\n" +
            "        use_aws_http_client: true\n        sigv4: {region: eu-west-1, access_key: AKID, secret_key_file: /run/secret, role_arn: 'arn:aws:iam::1:role/r', external_id: x}\n");
        Assert.Equal(("eu-west-1", "AKID", null, "arn:aws:iam::1:role/r", "x"), (config.SigV4.Region, config.SigV4.AccessKey, config.SigV4.SecretKey, config.SigV4.RoleArn, config.SigV4.ExternalId));
        Assert.Equal("/run/secret", config.SigV4.SecretKeyFile);
        Assert.True(config.UseAwsHttpClient);
        Assert.Equal("https://sns.{{ .CommonLabels.region }}.amazonaws.com", config.ApiUrl);
    }

    [Fact]
    public void Sms_and_voice_providers_read_their_sections_and_rate_limits()
    {
        var twilio = Single<SmsConfig>(
            "    sms_configs:\n      - provider: twilio\n        to: ['+1']\n        twilio: {account_sid: AC1, auth_token_file: /t, messaging_service_sid: MG1}\n" +
            "        rate_limit: {max: 5, per: 1h}\n");
        Assert.Equal("twilio", twilio.Provider);
        Assert.Equal(("AC1", "/t", "MG1", "https://api.twilio.com/"), (twilio.Twilio!.AccountSid, twilio.Twilio.AuthTokenFile, twilio.Twilio.MessagingServiceSid, twilio.Twilio.ApiUrl.Text));
        Assert.Equal(new PhoneRateLimit(5, TimeSpan.FromHours(1)), twilio.RateLimit);

        var aliyun = Single<VoiceConfig>(
            "    voice_configs:\n      - provider: aliyun\n        to: ['138']\n        aliyun: {access_key_id: id, access_key_secret: s, template_code: TTS_1, play_times: 3}\n");
        Assert.Equal(("https://dyvmsapi.aliyuncs.com/", "cn-hangzhou", 3, AliyunSettings.DefaultTemplateParam),
            (aliyun.Aliyun!.ApiUrl.Text, aliyun.Aliyun.RegionId, aliyun.Aliyun.PlayTimes, aliyun.Aliyun.TemplateParam));
        Assert.True(aliyun.IsVoice);

        var http = Single<SmsConfig>(
            "    sms_configs:\n      - url: 'https://gw.example.com/{{ .GroupLabels.team }}'\n        to: ['+1']\n        method: PUT\n" +
            "        headers: {X-Key: k}\n        body: '{{ .Message }}'\n        per_recipient: true\n");
        Assert.Equal(("http", "https://gw.example.com/{{ .GroupLabels.team }}", "PUT", "{{ .Message }}", true), (http.Provider, http.Url, http.Method, http.Body, http.PerRecipient));
        Assert.Equal("k", Assert.Single(http.Headers).Value);
        Assert.Null(http.RateLimit);
    }

    [Theory]
    [InlineData("provider: carrier-pigeon\n        to: ['+1']\n", "unknown provider \"carrier-pigeon\": must be one of http, twilio, aliyun")]
    [InlineData("provider: twilio\n        to: ['+1']\n        from: '+2'\n", "provider twilio needs a twilio section")]
    [InlineData("url: http://gw/\n        to: ['+1']\n        twilio: {account_sid: a, auth_token: t}\n", "a twilio section needs provider: twilio")]
    [InlineData("provider: twilio\n        to: ['+1']\n        twilio: {account_sid: a, auth_token: t}\n", "provider twilio needs from (a Twilio number) or twilio.messaging_service_sid")]
    [InlineData("provider: twilio\n        to: ['+1']\n        from: '+2'\n        twilio: {auth_token: t}\n", "missing account_sid in twilio config")]
    [InlineData("provider: twilio\n        to: ['+1']\n        from: '+2'\n        twilio: {account_sid: a}\n", "one of auth_token or auth_token_file must be configured")]
    [InlineData("provider: twilio\n        to: ['+1']\n        from: '+2'\n        url: http://gw/\n        twilio: {account_sid: a, auth_token: t}\n", "belong to provider http, not twilio")]
    [InlineData("provider: aliyun\n        to: ['1']\n        aliyun: {access_key_id: i, access_key_secret: s, template_code: c}\n", "missing sign_name in aliyun config")]
    [InlineData("provider: aliyun\n        to: ['1']\n        aliyun: {access_key_id: i, access_key_secret: s, sign_name: n, template_code: c, volume: 50}\n", "play_times, volume and speed apply to voice_configs only")]
    [InlineData("provider: aliyun\n        to: ['1']\n        aliyun: {access_key_id: i, access_key_secret: s, access_key_secret_file: /f, sign_name: n, template_code: c}\n", "at most one of access_key_secret & access_key_secret_file")]
    [InlineData("url: http://gw/\n        to: ['+1']\n        rate_limit: {max: 0, per: 1h}\n", "rate_limit needs max: a positive number")]
    [InlineData("url: http://gw/\n        to: ['+1']\n        rate_limit: {max: 3}\n", "rate_limit needs per: a positive duration")]
    [InlineData("url: http://gw/\n        to: ['+1']\n        rate_limit: {max: 3, per: 1h, burst: 2}\n", "field burst not found")]
    [InlineData("url: ftp://gw/\n        to: ['+1']\n", "unsupported scheme \"ftp\"")]
    [InlineData("url: http://gw/\n        url_file: /f\n        to: ['+1']\n", "at most one of url & url_file")]
    public void Sms_entries_are_validated(string entry, string reason)
    {
        var e = Reject("    sms_configs:\n      - " + entry);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Matches("^am\\.yml:[0-9]+:[0-9]+: ", e.Message);
    }

    [Theory]
    [InlineData("provider: twilio\n        to: ['+1']\n        twilio: {account_sid: a, auth_token: t, messaging_service_sid: MG}\n", "provider twilio needs from: the Twilio number calls come from")]
    [InlineData("provider: aliyun\n        to: ['1']\n        aliyun: {access_key_id: i, access_key_secret: s, template_code: c, play_times: 4}\n", "play_times must be between 1 and 3")]
    [InlineData("provider: aliyun\n        to: ['1']\n        aliyun: {access_key_id: i, access_key_secret: s, template_code: c, speed: 900}\n", "speed must be between -500 and 500")]
    [InlineData("provider: aliyun\n        to: ['1']\n        aliyun: {access_key_id: i, access_key_secret: s}\n", "missing template_code (the TTS template)")]
    public void Voice_entries_are_validated(string entry, string reason)
    {
        var e = Reject("    voice_configs:\n      - " + entry);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Freeform_text_from_templates_parses_as_json_then_yaml()
    {
        Assert.True(FreeformValues.TryParse("[{\"a\":1}]", out var json));
        Assert.Equal("[{\"a\":1}]", json!.ToJsonString());
        Assert.True(FreeformValues.TryParse("a: [x, 2]", out var yaml));
        Assert.Equal("{\"a\":[\"x\",2]}", yaml!.ToJsonString());
        Assert.True(FreeformValues.TryParse("", out var empty));
        Assert.Null(empty);
        Assert.True(FreeformValues.TryParse("0x1F", out var hex));
        Assert.Equal(31, ((JsonValue)hex!).GetValue<long>());
        Assert.False(FreeformValues.TryParse("a: b: c", out _));
    }
}
