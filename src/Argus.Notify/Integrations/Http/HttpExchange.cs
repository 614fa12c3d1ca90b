namespace Argus.Notify.Integrations.Http;

/// <summary>The status and body of one HTTP answer, whatever its status.</summary>
internal readonly record struct HttpExchange(int Status, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
