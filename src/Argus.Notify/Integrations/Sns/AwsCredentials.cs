namespace Argus.Notify.Integrations.Sns;

/// <summary>AWS credentials to sign with; <see cref="SessionToken"/> is set for temporary ones (environment, assumed role).</summary>
internal sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken);
