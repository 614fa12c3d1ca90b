using System.Text;
using Argus.Notify.Integrations.Sns;

namespace Argus.Notify.Tests.Channels;

/// <summary>Argus's SigV4 signer against AWS's published Signature Version 4 test suite (credentials AKIDEXAMPLE,
/// 2015-08-30 12:36:00 UTC, region us-east-1, service "service").</summary>
public sealed class SigV4SignerTests
{
    private static readonly AwsCredentials Example = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static readonly DateTimeOffset Time = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("get-vanilla", "GET", "", "", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [InlineData("get-vanilla-query-order-key-case", "GET", "Param2=value2&Param1=value1", "", "", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")]
    [InlineData("post-vanilla", "POST", "", "", "", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")]
    [InlineData("post-vanilla-query", "POST", "Param1=value1", "", "", "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11")]
    [InlineData("post-vanilla-query-nonunreserved", "POST", "%40%23%24%25%5E=&%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D", "", "",
        "66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e")]
    [InlineData("post-x-www-form-urlencoded", "POST", "", "application/x-www-form-urlencoded", "Param1=value1",
        "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")]
    public void Signs_as_aws_published_vectors_require(string vector, string method, string query, string contentType, string body, string signature)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Host", "example.amazonaws.com"), new("X-Amz-Date", "20150830T123600Z") };
        if (contentType.Length > 0)
        {
            headers.Add(new("Content-Type", contentType));
        }
        var authorization = SigV4Signer.Authorization(method, "/", query, headers, Encoding.UTF8.GetBytes(body), Example, "us-east-1", "service", Time);
        var signed = contentType.Length > 0 ? "content-type;host;x-amz-date" : "host;x-amz-date";
        Assert.True(
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders={signed}, Signature={signature}" == authorization,
            vector + ": " + authorization);
    }

    [Theory]
    [InlineData("post-header-key-sort", "POST", "My-Header1", "value1", "", "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c")]
    [InlineData("post-header-value-case", "POST", "My-Header1", "VALUE1", "", "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d")]
    [InlineData("get-header-value-trim", "GET", "my-header1", " value1", " \"a   b   c\"", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736")]
    public void Extra_headers_are_lower_cased_sorted_and_trimmed(string vector, string method, string name, string value, string header2, string signature)
    {
        var headers = new List<KeyValuePair<string, string>> { new("X-Amz-Date", "20150830T123600Z"), new(name, value), new("host", "example.amazonaws.com") };
        if (header2.Length > 0)
        {
            headers.Add(new("My-Header2", header2));
        }
        var authorization = SigV4Signer.Authorization(method, "/", string.Empty, headers, [], Example, "us-east-1", "service", Time);
        var signed = header2.Length > 0 ? "host;my-header1;my-header2;x-amz-date" : "host;my-header1;x-amz-date";
        Assert.True(
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders={signed}, Signature={signature}" == authorization,
            vector + ": " + authorization);
    }
}
