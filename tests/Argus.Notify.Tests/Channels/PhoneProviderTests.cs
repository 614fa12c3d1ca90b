using System.Text;
using System.Text.Json.Nodes;
using Argus.Notify.Integrations.Phone;

namespace Argus.Notify.Tests.Channels;

/// <summary>The SMS and voice provider presets (Twilio, Alibaba Cloud, a templated HTTP gateway) and per-number rate
/// limits, against a loopback server.</summary>
public sealed class PhoneProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private const string SmsText = "[FIRING:2] HighLatency api (page)\n- High latency on 10.0.0.1:9100\n- High latency on 10.0.0.2:9100\n";

    private static string Twilio(LoopbackHttpServer server, string kind, string extra = "") =>
        $"  {kind}:\n  - provider: twilio\n    to: ['+15550001', '+15550002']\n    from: '+15559999'\n" +
        $"    twilio: {{account_sid: AC123, auth_token: secret-token, api_url: '{server.BaseUrl}'{extra}}}\n";

    [Fact]
    public async Task Twilio_sends_one_form_encoded_message_per_number_with_basic_auth()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (201, "{\"sid\":\"SM1\",\"status\":\"queued\"}");
        await TestNotifications.NotifyAsync(Twilio(server, "sms_configs").Replace("    twilio:", "    message: '{{ .Status }}: {{ .GroupLabels.alertname }} <&>'\n    twilio:", StringComparison.Ordinal));

        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("POST /2010-04-01/Accounts/AC123/Messages.json", r.Method + " " + r.PathAndQuery));
        Assert.All(requests, r => Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC123:secret-token")), r.Header("Authorization")));
        Assert.All(requests, r => Assert.Equal("application/x-www-form-urlencoded", r.Header("Content-Type")));
        Assert.Equal("To=%2B15550001&From=%2B15559999&Body=firing%3A+HighLatency+%3C%26%3E", requests[0].Body);
        Assert.Equal("To=%2B15550002&From=%2B15559999&Body=firing%3A+HighLatency+%3C%26%3E", requests[1].Body);
    }

    [Fact]
    public async Task Twilio_calls_read_the_message_with_say_and_a_token_file()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (201, "{\"sid\":\"CA1\"}");
        var tokenFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(tokenFile, "file-token\n");
            await TestNotifications.NotifyAsync(
                $"  voice_configs:\n  - provider: twilio\n    to: ['+15550001']\n    from: '+15559999'\n    message: 'Disk <sda> & \"root\"'\n" +
                $"    twilio: {{account_sid: AC123, auth_token_file: {tokenFile}, api_url: '{server.BaseUrl}', voice: alice, language: en-US, loop: 2}}\n");
        }
        finally
        {
            File.Delete(tokenFile);
        }

        var request = Assert.Single(server.Requests);
        Assert.Equal("/2010-04-01/Accounts/AC123/Calls.json", request.PathAndQuery);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC123:file-token")), request.Header("Authorization"));
        var form = FormBody.Parse(request.Body);
        Assert.Equal(["To", "From", "Twiml"], form.Keys);
        Assert.Equal("<Response><Say voice=\"alice\" language=\"en-US\" loop=\"2\">Disk &lt;sda&gt; &amp; &quot;root&quot;</Say></Response>", form["Twiml"]);
    }

    [Theory]
    [InlineData(400, false)]
    [InlineData(429, true)]
    [InlineData(503, true)]
    public async Task Twilio_errors_carry_its_code_and_only_rate_limits_and_server_errors_retry(int status, bool retryable)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (status, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":" + status + "}");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync(Twilio(server, "sms_configs")));
        Assert.Equal(retryable, error.Retryable);
        Assert.Contains("21211: The 'To' number is not a valid phone number.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_goes_only_to_the_numbers_that_did_not_get_the_message()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(201, "{}");
        server.Enqueue(503, "{\"code\":20500,\"message\":\"Internal Server Error\"}");
        server.DefaultResponse = (201, "{}");
        using var factory = new NotifierFactory();
        var notifier = Assert.Single(factory.Create(TestNotifications.Receiver(Twilio(server, "sms_configs"))));
        var request = TestNotifications.Request();

        var error = await Assert.ThrowsAsync<NotifyException>(() => notifier.NotifyAsync(request, CancellationToken.None));
        Assert.True(error.Retryable);
        await notifier.NotifyAsync(request, CancellationToken.None);

        Assert.Equal(["+15550001", "+15550002", "+15550002"], server.Requests.Select(r => FormBody.Parse(r.Body)["To"]));
    }

    [Fact]
    public async Task Numbers_over_their_rate_limit_are_dropped_counted_and_not_retried()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (202, "{}");
        var clock = new FixedTime(Start);
        using var factory = new NotifierFactory(clock);
        var receiver = TestNotifications.Receiver($"  sms_configs:\n  - url: {server.Url("send")}\n    to: ['+100']\n    rate_limit: {{max: 2, per: 1h}}\n");
        var notifier = Assert.Single(factory.Create(receiver));

        for (var i = 0; i < 3; i++)
        {
            clock.Now = Start.AddMinutes(i);
            await notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None);
        }
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(1, factory.PhoneStats.SmsRateLimited);

        // The window slides: an hour after the first message there is room again, also for a notifier rebuilt by a reload.
        clock.Now = Start.AddHours(1);
        await Assert.Single(factory.Create(receiver)).NotifyAsync(TestNotifications.Request(), CancellationToken.None);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(1, factory.PhoneStats.SmsRateLimited);
    }

    [Fact]
    public async Task A_failed_send_does_not_use_up_the_rate_limit()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(503, "busy");
        server.DefaultResponse = (202, "{}");
        using var factory = new NotifierFactory(new FixedTime(Start));
        var notifier = Assert.Single(factory.Create(TestNotifications.Receiver(
            $"  voice_configs:\n  - url: {server.Url("call")}\n    to: ['+100']\n    rate_limit: {{max: 1, per: 10m}}\n")));

        await Assert.ThrowsAsync<NotifyException>(() => notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None));
        await notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None);
        await notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(1, factory.PhoneStats.VoiceRateLimited);
    }

    [Fact]
    public async Task Aliyun_sends_a_signed_send_sms_request_per_number()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{\"Message\":\"OK\",\"RequestId\":\"r\",\"BizId\":\"b\",\"Code\":\"OK\"}");
        await TestNotifications.NotifyAsync(
            $"  sms_configs:\n  - provider: aliyun\n    to: ['13800000000']\n" +
            $"    aliyun: {{access_key_id: testId, access_key_secret: testSecret, sign_name: 阿里云短信测试, template_code: SMS_71390007, api_url: '{server.BaseUrl}'}}\n",
            time: new FixedTime(Start));

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /", request.Method + " " + request.PathAndQuery);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"), StringComparison.Ordinal);
        var form = FormBody.Parse(request.Body);
        Assert.Equal(
            ["AccessKeyId", "Action", "Format", "PhoneNumbers", "RegionId", "SignName", "SignatureMethod", "SignatureNonce", "SignatureVersion", "TemplateCode", "TemplateParam", "Timestamp", "Version", "Signature"],
            form.Keys);
        Assert.Equal(("testId", "SendSms", "JSON", "13800000000", "cn-hangzhou", "阿里云短信测试"), (form["AccessKeyId"], form["Action"], form["Format"], form["PhoneNumbers"], form["RegionId"], form["SignName"]));
        Assert.Equal(("HMAC-SHA1", "1.0", "SMS_71390007", "2026-11-22T03:00:00Z", "2017-05-25"), (form["SignatureMethod"], form["SignatureVersion"], form["TemplateCode"], form["Timestamp"], form["Version"]));
        Assert.Equal(new JsonObject { ["message"] = SmsText }.ToJsonString(), JsonNode.Parse(form["TemplateParam"])!.ToJsonString());
        // What Alibaba Cloud does: recompute the signature over the other parameters.
        Assert.Equal(AliyunSignature.Sign("POST", form.Where(p => p.Key != "Signature"), "testSecret"), form["Signature"]);
    }

    [Fact]
    public async Task Aliyun_calls_read_a_tts_template()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{\"Code\":\"OK\",\"CallId\":\"c\"}");
        await TestNotifications.NotifyAsync(
            $"  voice_configs:\n  - provider: aliyun\n    to: ['13800000000']\n    from: '057188773344'\n" +
            "    aliyun: {access_key_id: id, access_key_secret: s, template_code: TTS_1, play_times: 2, volume: 100, speed: 0," +
            $" template_param: '{{\"alert\":{{{{ .GroupLabels.alertname | toJson }}}}}}', api_url: '{server.BaseUrl}'}}\n");

        var form = FormBody.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal(("SingleCallByTts", "13800000000", "057188773344", "TTS_1", "{\"alert\":\"HighLatency\"}"),
            (form["Action"], form["CalledNumber"], form["CalledShowNumber"], form["TtsCode"], form["TtsParam"]));
        Assert.Equal(("2", "100", "0"), (form["PlayTimes"], form["Volume"], form["Speed"]));
        Assert.Equal(AliyunSignature.Sign("POST", form.Where(p => p.Key != "Signature"), "s"), form["Signature"]);
    }

    [Theory]
    [InlineData("isv.BUSINESS_LIMIT_CONTROL", true)]
    [InlineData("Throttling.User", true)]
    [InlineData("isv.MOBILE_NUMBER_ILLEGAL", false)]
    [InlineData("InvalidAccessKeyId.NotFound", false)]
    public async Task Aliyun_codes_other_than_ok_fail_and_throttling_is_retried(string code, bool retryable)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (code.StartsWith("Invalid", StringComparison.Ordinal) ? 404 : 200, $"{{\"Code\":\"{code}\",\"Message\":\"explained\"}}");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync(
            $"  sms_configs:\n  - provider: aliyun\n    to: ['1']\n    aliyun: {{access_key_id: i, access_key_secret: s, sign_name: n, template_code: c, api_url: '{server.BaseUrl}'}}\n"));
        Assert.Equal(retryable, error.Retryable);
        Assert.Contains(code + ": explained", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aliyun_template_param_must_render_a_json_object()
    {
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync(
            "  sms_configs:\n  - provider: aliyun\n    to: ['1']\n    aliyun: {access_key_id: i, access_key_secret: s, sign_name: n, template_code: c, template_param: '{{ .Status }}', api_url: 'http://127.0.0.1:9/'}\n"));
        Assert.False(error.Retryable);
        Assert.Contains("template_param", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_http_provider_templates_method_url_headers_and_body_per_recipient()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "ok");
        await TestNotifications.NotifyAsync(
            $"  sms_configs:\n  - url: '{server.BaseUrl}notify/{{{{ .GroupLabels.job }}}}'\n    method: put\n    per_recipient: true\n" +
            "    headers: {X-Api-Key: 'k-{{ .Receiver }}', Content-Type: 'text/plain; charset=utf-8'}\n    to: ['+100', '+200']\n    from: Argus\n" +
            "    message: '{{ .Status }}'\n    body: '{{ .Recipient }} from {{ .From }}: {{ .Message }} ({{ len .To }}/{{ .GroupKey }})'\n");

        var requests = server.Requests;
        Assert.All(requests, r => Assert.Equal("PUT /notify/api", r.Method + " " + r.PathAndQuery));
        Assert.All(requests, r => Assert.Equal("k-team", r.Header("X-Api-Key")));
        Assert.All(requests, r => Assert.Equal("text/plain; charset=utf-8", r.Header("Content-Type")));
        Assert.Equal(
            ["+100 from Argus: firing (1/{}:{alertname=\"HighLatency\", job=\"api\"})", "+200 from Argus: firing (1/{}:{alertname=\"HighLatency\", job=\"api\"})"],
            requests.Select(r => r.Body));
    }

    [Fact]
    public async Task The_http_provider_can_send_everything_in_a_get_query()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "ok");
        await TestNotifications.NotifyAsync(
            $"  voice_configs:\n  - url: '{server.BaseUrl}call?to={{{{ join \",\" .To | urlquery }}}}&text={{{{ .Message | urlquery }}}}'\n    method: GET\n" +
            "    to: ['+100', '+200']\n    token: gw\n");

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/call?to=%2B100%2C%2B200&text=2+alerts+firing+for+HighLatency+api.", request.PathAndQuery);
        Assert.Equal("Bearer gw", request.Header("Authorization"));
        Assert.Equal(string.Empty, request.Body);
    }
}
