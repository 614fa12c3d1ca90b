using System.Globalization;
using Argus.Alerting.Config.Receivers;

namespace Argus.Notify.Integrations.Sns;

/// <summary>
/// Where an SNS entry's AWS credentials come from: the <c>sigv4</c> access key and secret (inline or file); else, when
/// <c>profile</c> is set, that profile of the shared credentials file; else the environment (<c>AWS_ACCESS_KEY_ID</c>,
/// <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>); else the <c>AWS_PROFILE</c> (or default) profile. With
/// <c>role_arn</c> those credentials assume the role through STS and the temporary ones are kept until shortly before
/// they expire. Thread-safe.
/// </summary>
internal sealed class AwsCredentialSource
{
    /// <summary>Renew an assumed role's credentials this long before they expire.</summary>
    private static readonly TimeSpan RenewMargin = TimeSpan.FromMinutes(1);

    private readonly SigV4Config _config;
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly Func<string, string?> _environment;
    private readonly Uri? _stsEndpoint;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private AwsCredentials? _assumed;
    private DateTimeOffset _assumedUntil;

    /// <param name="environment">Reads environment variables (tests pass their own).</param>
    /// <param name="stsEndpoint">The STS endpoint; null derives it from the region (tests point it at a local server).</param>
    public AwsCredentialSource(SigV4Config config, HttpClient client, TimeProvider time, Func<string, string?>? environment = null, Uri? stsEndpoint = null)
    {
        _config = config;
        _client = client;
        _time = time;
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _stsEndpoint = stsEndpoint;
    }

    /// <summary>The region: <c>sigv4.region</c>, else <c>AWS_REGION</c>/<c>AWS_DEFAULT_REGION</c>, else null.</summary>
    public string? Region => _config.Region ?? NonEmpty(_environment("AWS_REGION")) ?? NonEmpty(_environment("AWS_DEFAULT_REGION"));

    public async Task<AwsCredentials> GetAsync(string region, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var credentials = BaseCredentials();
        if (_config.RoleArn is null)
        {
            return credentials;
        }
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_assumed is null || _time.GetUtcNow() >= _assumedUntil)
            {
                (_assumed, var expires) = await AssumeRoleAsync(credentials, region, timeout, cancellationToken).ConfigureAwait(false);
                _assumedUntil = expires - RenewMargin;
            }
            return _assumed;
        }
        finally
        {
            _lock.Release();
        }
    }

    private AwsCredentials BaseCredentials()
    {
        if (_config.AccessKey is { } accessKey)
        {
            var secret = ConfigValues.SecretOrFile(_config.SecretKey, _config.SecretKeyFile, "sns sigv4 secret_key") ?? string.Empty;
            return new AwsCredentials(accessKey, secret, null);
        }
        if (_config.Profile is null && NonEmpty(_environment("AWS_ACCESS_KEY_ID")) is { } envKey && NonEmpty(_environment("AWS_SECRET_ACCESS_KEY")) is { } envSecret)
        {
            return new AwsCredentials(envKey, envSecret, NonEmpty(_environment("AWS_SESSION_TOKEN")));
        }
        var profile = _config.Profile ?? NonEmpty(_environment("AWS_PROFILE")) ?? "default";
        var file = NonEmpty(_environment("AWS_SHARED_CREDENTIALS_FILE"))
            ?? Path.Combine(NonEmpty(_environment("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", "credentials");
        return FromProfile(file, profile)
            ?? throw new NotifyException(
                $"sns: no AWS credentials: set sigv4.access_key and secret_key, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or profile \"{profile}\" in {file}", retryable: false);
    }

    /// <summary>A profile of the shared credentials file (INI: <c>[name]</c>, <c>aws_access_key_id = …</c>), or null.</summary>
    private static AwsCredentials? FromProfile(string file, string profile)
    {
        if (!File.Exists(file))
        {
            return null;
        }
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? section = null;
        foreach (var raw in ConfigValues.ReadFile(file, "AWS shared credentials").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }
            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1].Trim();
                continue;
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (section == profile && eq > 0)
            {
                values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }
        return values.TryGetValue("aws_access_key_id", out var key) && values.TryGetValue("aws_secret_access_key", out var secret)
            ? new AwsCredentials(key, secret, values.GetValueOrDefault("aws_session_token"))
            : null;
    }

    private async Task<(AwsCredentials Credentials, DateTimeOffset Expires)> AssumeRoleAsync(AwsCredentials credentials, string region, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var endpoint = _stsEndpoint ?? new Uri(_config.UseFipsStsEndpoint ? $"https://sts-fips.{region}.amazonaws.com/" : $"https://sts.{region}.amazonaws.com/");
        var now = _time.GetUtcNow();
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("Action", "AssumeRole"),
            new("Version", "2011-06-15"),
            new("RoleArn", _config.RoleArn!),
            new("RoleSessionName", "argus-" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (_config.ExternalId is { } externalId)
        {
            parameters.Add(new("ExternalId", externalId));
        }
        var exchange = await AwsQuery.PostAsync(_client, endpoint, parameters, credentials, region, "sts", now, "sns sts", timeout, cancellationToken).ConfigureAwait(false);
        AwsQuery.EnsureSuccess(exchange, endpoint, "sns: assuming " + _config.RoleArn);
        var doc = AwsQuery.ParseXml(exchange.Body);
        var key = doc is null ? null : AwsQuery.Element(doc, "AccessKeyId");
        var secret = doc is null ? null : AwsQuery.Element(doc, "SecretAccessKey");
        if (doc is null || string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
        {
            throw new NotifyException($"sns: STS AssumeRole for {_config.RoleArn} answered without credentials", retryable: true);
        }
        var expires = DateTimeOffset.TryParse(AwsQuery.Element(doc, "Expiration"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e)
            ? e
            : now.AddMinutes(15);
        return (new AwsCredentials(key, secret, AwsQuery.Element(doc, "SessionToken")), expires);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
