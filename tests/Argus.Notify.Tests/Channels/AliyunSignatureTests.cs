using Argus.Notify.Integrations.Phone;

namespace Argus.Notify.Tests.Channels;

/// <summary>Alibaba Cloud's RPC signature against the examples of its documentation.</summary>
public sealed class AliyunSignatureTests
{
    [Fact]
    public void Signs_the_send_sms_example_of_the_sms_documentation()
    {
        var parameters = new Dictionary<string, string>
        {
            ["AccessKeyId"] = "testId",
            ["Action"] = "SendSms",
            ["Format"] = "XML",
            ["OutId"] = "123",
            ["PhoneNumbers"] = "15300000001",
            ["RegionId"] = "cn-hangzhou",
            ["SignName"] = "阿里云短信测试专用",
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = "45e25e9b-0a6f-4070-8c85-2956eda1b466",
            ["SignatureVersion"] = "1.0",
            ["TemplateCode"] = "SMS_71390007",
            ["TemplateParam"] = "{\"customer\":\"test\"}",
            ["Timestamp"] = "2017-07-12T02:42:19Z",
            ["Version"] = "2017-05-25",
        };
        Assert.Equal("zJDF+Lrzhj/ThnlvIToysFRq6t4=", AliyunSignature.Sign("GET", parameters, "testSecret"));
        Assert.StartsWith("AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou&SignName=%E9%98%BF",
            AliyunSignature.CanonicalizedQuery(parameters), StringComparison.Ordinal);
    }

    [Fact]
    public void Signs_the_describe_regions_example_of_the_rpc_documentation()
    {
        var parameters = new Dictionary<string, string>
        {
            ["Format"] = "XML",
            ["AccessKeyId"] = "testid",
            ["Action"] = "DescribeRegions",
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
            ["SignatureVersion"] = "1.0",
            ["Version"] = "2014-05-26",
            ["Timestamp"] = "2016-02-23T12:46:24Z",
        };
        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", AliyunSignature.Sign("GET", parameters, "testsecret"));
    }
}
