using System.Text;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Sns;

namespace Argus.Notify.Tests.Channels;

/// <summary>SNS Publish through the Query API against a loopback server that checks the SigV4 signature the way AWS
/// does: recomputed from the request it received.</summary>
public sealed class SnsNotifierTests
{
    private const string Hash = PagerdutyNotifierTests.GroupKeyHash;

    private static readonly FixedTime Clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    /// <summary>What AWS does with a request: recompute the signature over the method, path, signed headers and body.</summary>
    private static void AssertSignedBy(RecordedRequest request, AwsCredentials credentials, string region, string service)
    {
        var authorization = request.Header("Authorization");
        var signedNames = authorization.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        var headers = signedNames.Select(n => new KeyValuePair<string, string>(n, request.Header(n))).ToList();
        var (path, query) = request.PathAndQuery.Split('?') is var parts && parts.Length > 1 ? (parts[0], parts[1]) : (parts[0], string.Empty);
        var time = DateTimeOffset.ParseExact(request.Header("X-Amz-Date"), "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal);
        var expected = SigV4Signer.Authorization(request.Method, path, query, headers, Encoding.UTF8.GetBytes(request.Body), credentials, region, service, time);
        Assert.Equal(expected, authorization);
    }

    private static SnsNotifier Notifier(string entry, HttpClient client, Func<string, string?>? environment = null, Uri? sts = null) =>
        new(Assert.Single(TestNotifications.Receiver("  sns_configs:\n  - " + entry).Of<SnsConfig>()), client, Clock, environment ?? (_ => null), sts);

    [Fact]
    public async Task Publish_is_form_encoded_signed_and_carries_templated_attributes_and_fifo_ids()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>");
        await TestNotifications.NotifyAsync(
            $"  sns_configs:\n  - api_url: '{server.BaseUrl}'\n    sigv4: {{region: eu-west-1, access_key: AKID, secret_key: SECRET}}\n" +
            "    topic_arn: 'arn:aws:sns:eu-west-1:123456789012:alerts-{{ .GroupLabels.job }}.fifo'\n    subject: '{{ .Status }} & co'\n" +
            "    message: 'Group {{ .GroupLabels.alertname }}'\n    attributes: {team: ops, severity: '{{ .CommonLabels.severity }}'}\n",
            time: Clock);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /", request.Method + " " + request.PathAndQuery);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("20261122T030000Z", request.Header("X-Amz-Date"));
        Assert.Equal(
            "Action=Publish&Message=Group+HighLatency" +
            "&MessageAttributes.entry.1.Name=severity&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=page" +
            "&MessageAttributes.entry.2.Name=team&MessageAttributes.entry.2.Value.DataType=String&MessageAttributes.entry.2.Value.StringValue=ops" +
            $"&MessageDeduplicationId={Hash}&MessageGroupId={Hash}&Subject=firing+%26+co" +
            "&TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A123456789012%3Aalerts-api.fifo&Version=2010-03-31",
            request.Body);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKID/20261122/eu-west-1/sns/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=",
            request.Header("Authorization"), StringComparison.Ordinal);
        AssertSignedBy(request, new AwsCredentials("AKID", "SECRET", null), "eu-west-1", "sns");
    }

    [Fact]
    public async Task Sms_messages_are_cut_at_1600_bytes_and_marked_truncated()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "<PublishResponse/>");
        using var client = new HttpClient();
        await Notifier($"api_url: '{server.BaseUrl}'\n    sigv4: {{region: us-east-1, access_key: A, secret_key: S}}\n    phone_number: '+15551230000'\n" +
            $"    message: '{new string('x', 2000)}'\n", client).NotifyAsync(TestNotifications.Request(), CancellationToken.None);

        var form = FormBody.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal(new string('x', 1600), form["Message"]);
        Assert.Equal("+15551230000", form["PhoneNumber"]);
        Assert.Equal(("truncated", "true"), (form["MessageAttributes.entry.1.Name"], form["MessageAttributes.entry.1.Value.StringValue"]));
        Assert.Equal("[FIRING:2] HighLatency api (page)", form["Subject"]);
    }

    [Fact]
    public async Task Credentials_and_region_come_from_the_environment_with_the_session_token_signed()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "<PublishResponse/>");
        using var client = new HttpClient();
        var env = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "ENVKEY", ["AWS_SECRET_ACCESS_KEY"] = "ENVSECRET", ["AWS_SESSION_TOKEN"] = "TOKEN", ["AWS_REGION"] = "ap-south-1" };
        await Notifier($"api_url: '{server.BaseUrl}'\n    target_arn: 'arn:aws:sns:ap-south-1:1:endpoint/GCM/app/x'\n", client, n => env.GetValueOrDefault(n))
            .NotifyAsync(TestNotifications.Request(), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("TOKEN", request.Header("X-Amz-Security-Token"));
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,", request.Header("Authorization"), StringComparison.Ordinal);
        AssertSignedBy(request, new AwsCredentials("ENVKEY", "ENVSECRET", "TOKEN"), "ap-south-1", "sns");
        Assert.Equal("arn:aws:sns:ap-south-1:1:endpoint/GCM/app/x", FormBody.Parse(request.Body)["TargetArn"]);
    }

    [Fact]
    public async Task A_role_is_assumed_through_sts_once_and_its_credentials_sign_the_publish()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(200,
            "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials>" +
            "<AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>ROLESECRET</SecretAccessKey><SessionToken>ROLETOKEN</SessionToken>" +
            "<Expiration>2026-11-22T04:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>");
        server.DefaultResponse = (200, "<PublishResponse/>");
        using var client = new HttpClient();
        var notifier = Notifier(
            $"api_url: '{server.Url("sns/")}'\n    sigv4: {{region: eu-west-1, access_key: BASE, secret_key: BASESECRET, role_arn: 'arn:aws:iam::1:role/alerts', external_id: ext}}\n" +
            "    topic_arn: 'arn:aws:sns:eu-west-1:1:t'\n", client, sts: server.Url("sts/"));
        await notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None);
        await notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None);

        var requests = server.Requests;
        Assert.Equal(["/sts/", "/sns/", "/sns/"], requests.Select(r => r.PathAndQuery));
        var assume = FormBody.Parse(requests[0].Body);
        Assert.Equal(("AssumeRole", "arn:aws:iam::1:role/alerts", "ext", "2011-06-15"), (assume["Action"], assume["RoleArn"], assume["ExternalId"], assume["Version"]));
        AssertSignedBy(requests[0], new AwsCredentials("BASE", "BASESECRET", null), "eu-west-1", "sts");
        Assert.Equal("ROLETOKEN", requests[1].Header("X-Amz-Security-Token"));
        AssertSignedBy(requests[2], new AwsCredentials("ASIAROLE", "ROLESECRET", "ROLETOKEN"), "eu-west-1", "sns");
    }

    [Theory]
    [InlineData(400, "Throttling", true)]
    [InlineData(400, "InvalidParameter", false)]
    [InlineData(403, "SignatureDoesNotMatch", false)]
    [InlineData(500, "InternalError", true)]
    public async Task Aws_errors_are_retried_when_transient(int status, string code, bool retryable)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (status,
            $"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>Explained</Message></Error><RequestId>r</RequestId></ErrorResponse>");
        using var client = new HttpClient();
        var error = await Assert.ThrowsAsync<NotifyException>(() => Notifier(
            $"api_url: '{server.BaseUrl}'\n    sigv4: {{region: eu-west-1, access_key: A, secret_key: S}}\n    topic_arn: t\n", client)
            .NotifyAsync(TestNotifications.Request(), CancellationToken.None));
        Assert.Equal(retryable, error.Retryable);
        Assert.Contains($"{code}: Explained", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_region_or_credentials_fail_for_good()
    {
        using var client = new HttpClient();
        var noRegion = await Assert.ThrowsAsync<NotifyException>(() => Notifier("topic_arn: t\n    sigv4: {access_key: A, secret_key: S}\n", client)
            .NotifyAsync(TestNotifications.Request(), CancellationToken.None));
        Assert.False(noRegion.Retryable);
        Assert.Contains("no AWS region", noRegion.Message, StringComparison.Ordinal);
        var noCredentials = await Assert.ThrowsAsync<NotifyException>(() => Notifier("topic_arn: t\n    sigv4: {region: eu-west-1, profile: nosuch}\n", client,
            n => n == "AWS_SHARED_CREDENTIALS_FILE" ? "/nonexistent/credentials" : null).NotifyAsync(TestNotifications.Request(), CancellationToken.None));
        Assert.False(noCredentials.Retryable);
        Assert.Contains("no AWS credentials", noCredentials.Message, StringComparison.Ordinal);
    }
}
