using System.Net;
using System.Text;
using Argus.Alerting.Dispatch;
using Argus.Alerting.Groups;
using Microsoft.AspNetCore.Http;

namespace Argus.Web.Api.V2;

/// <summary>
/// The small self-contained HTML pages of the signed acknowledgement link: the group with a confirm button, the
/// confirmation, and the refusals. Everything shown is HTML-encoded; the pages load nothing from elsewhere, are
/// not cached, and send no referrer (the link's token is in the URL).
/// </summary>
internal static class AcknowledgementPage
{
    private const string Style =
        "body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:42em;margin:2em auto;padding:0 1em;color:#222}" +
        "h1{font-size:1.4em}table{border-collapse:collapse;margin:1em 0}td,th{text-align:left;padding:.2em .8em .2em 0;vertical-align:top}" +
        "code{background:#f2f2f2;padding:0 .2em}label{display:block;margin:.6em 0}input{font:inherit;padding:.3em;width:20em;max-width:100%}" +
        "button{font:inherit;padding:.5em 1.4em;color:#fff;background:#1565c0;border:0;border-radius:3px;cursor:pointer}" +
        ".ack{padding:.6em 1em;background:#e8f5e9;border-left:4px solid #2e7d32}";

    public static Task WriteAsync(HttpContext context, int status, string title, string body)
    {
        var html = new StringBuilder(2048);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"robots\" content=\"noindex\">\n")
            .Append("<title>").Append(Encode(title)).Append(" – Argus</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(Encode(title)).Append("</h1>\n")
            .Append(body)
            .Append("</body>\n</html>\n");
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return context.Response.WriteAsync(html.ToString());
    }

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public static string Paragraph(string text) => "<p>" + Encode(text) + "</p>\n";

    /// <summary>The group: its labels, receiver and firing alerts (name and summary).</summary>
    public static string Group(AlertGroupView group, DateTime now)
    {
        var html = new StringBuilder();
        html.Append("<p>Alert group <code>").Append(Encode(group.Labels.ToString())).Append("</code> of receiver <code>")
            .Append(Encode(group.Route.Receiver)).Append("</code>.</p>\n");
        var firing = group.Alerts.Where(a => !a.IsResolved(now)).ToList();
        if (firing.Count == 0)
        {
            html.Append("<p>No alert of this group is firing.</p>\n");
            return html.ToString();
        }
        html.Append("<table>\n<tr><th>Firing alert</th><th>Summary</th><th>Since</th></tr>\n");
        foreach (var alert in firing)
        {
            var name = alert.Labels.Get("alertname");
            var summary = alert.Annotations.Get("summary");
            html.Append("<tr><td>").Append(Encode(name.Length > 0 ? name : alert.Labels.ToString())).Append("</td><td>")
                .Append(Encode(summary)).Append("</td><td>").Append(Encode(AlertmanagerJson.Time(alert.StartsAt))).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
        return html.ToString();
    }

    /// <summary>Who acknowledged the group, when it is acknowledged.</summary>
    public static string Current(Acknowledgement? acknowledgement)
    {
        if (acknowledgement is null)
        {
            return string.Empty;
        }
        var comment = acknowledgement.Comment.Length > 0 ? ": " + acknowledgement.Comment : string.Empty;
        return "<p class=\"ack\">Acknowledged by <strong>" + Encode(acknowledgement.By) + "</strong> at " +
            Encode(AlertmanagerJson.Time(acknowledgement.At)) + Encode(comment) + "</p>\n";
    }

    /// <summary>The confirm form, posting back to the same link.</summary>
    public static string Form(string token) =>
        "<form method=\"post\" action=\"?token=" + Encode(Uri.EscapeDataString(token)) + "\">\n" +
        "<label>Your name <input name=\"acknowledgedBy\" autocomplete=\"name\" placeholder=\"" + "link" + "\"></label>\n" +
        "<label>Comment <input name=\"comment\" placeholder=\"on it\"></label>\n" +
        "<button type=\"submit\">Acknowledge</button>\n</form>\n" +
        "<p>Acknowledging stops escalation and reminders until a new alert fires in this group or all of it resolves.</p>\n";
}
