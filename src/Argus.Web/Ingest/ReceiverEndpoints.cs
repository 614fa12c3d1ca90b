using Argus.Scrape.Http;
using Microsoft.AspNetCore.Http;

namespace Argus.Web.Ingest;

/// <summary>Adapts ASP.NET Core requests to the transport-free receivers of <c>Argus.Scrape</c>, which
/// take a method, path, headers and body and return a status, content type and body.</summary>
internal static class ReceiverEndpoints
{
    public static ReceiverRequest ToReceiverRequest(HttpContext context, string path)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = values.ToString();
        }
        return new ReceiverRequest(context.Request.Method, path, headers, context.Request.Body);
    }

    public static async Task WriteAsync(HttpContext context, ReceiverResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        if (response.Body.Length > 0)
        {
            context.Response.ContentType = response.ContentType;
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
