using System.Text.Json;
using Argus.Alerting.Dispatch;
using Argus.Alerting.Groups;
using Argus.Web.Api.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Argus.Web.Api.V2;

/// <summary>
/// Argus's acknowledgement endpoints: <c>POST</c>/<c>DELETE /api/v2/alerts/groups/{id}/acknowledge</c> for API
/// clients and the signed link <c>/api/v2/acknowledge?token=…</c> carried in notifications (GET shows a page with a
/// confirm button, because mail scanners fetch links; POST acknowledges), and the fields they add to the groups.
/// </summary>
public sealed partial class AlertmanagerApi
{
    /// <summary>Who the link acknowledges as when the form names nobody.</summary>
    private const string LinkUser = "link";

    private void MapAcknowledgements(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v2/alerts/groups/{id}/acknowledge", context => AcknowledgeAsync(context, (string)context.Request.RouteValues["id"]!));
        endpoints.MapDelete("/api/v2/alerts/groups/{id}/acknowledge", context => Unacknowledge(context, (string)context.Request.RouteValues["id"]!));
        endpoints.MapGet("/api/v2/acknowledge", ShowAcknowledgeLinkAsync);
        endpoints.MapPost("/api/v2/acknowledge", AcknowledgeByLinkAsync);
    }

    /// <summary>The group fields Argus adds after Alertmanager's: <c>id</c>, <c>acknowledgement</c>, <c>escalation</c>.</summary>
    private void WriteGroupExtensions(GoJsonWriter json, Alerting.Routing.Route route, string groupKey)
    {
        json.Property("id", GroupId.Of(groupKey));
        json.Name("acknowledgement");
        WriteAcknowledgement(json, _sources.GroupStates?.AcknowledgementOf(groupKey));
        json.Name("escalation");
        if (_sources.GroupStates?.Escalation(groupKey, route) is { } escalation)
        {
            json.StartObject();
            json.Name("step");
            json.Number(escalation.Step);
            json.Name("notified");
            json.StartArray();
            foreach (var receiver in escalation.Notified)
            {
                json.String(receiver);
            }
            json.EndArray();
            json.Property("nextStepAt", escalation.NextStepAt is { } next ? AlertmanagerJson.Time(next) : null);
            json.Property("nextReceiver", escalation.NextReceiver);
            json.EndObject();
        }
        else
        {
            json.Null();
        }
    }

    private static void WriteAcknowledgement(GoJsonWriter json, Acknowledgement? acknowledgement)
    {
        if (acknowledgement is null)
        {
            json.Null();
            return;
        }
        json.StartObject();
        json.Property("acknowledgedBy", acknowledgement.By);
        json.Property("comment", acknowledgement.Comment);
        json.Property("acknowledgedAt", AlertmanagerJson.Time(acknowledgement.At));
        json.EndObject();
    }

    /// <summary>The dispatcher's group with id <paramref name="id"/>, or null.</summary>
    private AlertGroupView? FindGroup(string id) =>
        GroupId.IsWellFormed(id) ? _sources.Groups?.Invoke()?.FirstOrDefault(g => g.Id == id) : null;

    private async Task AcknowledgeAsync(HttpContext context, string id)
    {
        var states = _sources.GroupStates;
        var group = FindGroup(id);
        if (states is null || group is null)
        {
            await ErrorAsync(context, 404, $"no alert group with id \"{id}\"").ConfigureAwait(false);
            return;
        }
        string by;
        string comment;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                await ErrorAsync(context, 400, "the body must be a JSON object with acknowledgedBy and comment").ConfigureAwait(false);
                return;
            }
            by = StringField(root, "acknowledgedBy");
            comment = StringField(root, "comment");
        }
        catch (JsonException e)
        {
            await ErrorAsync(context, 400, "the body is not JSON: " + e.Message).ConfigureAwait(false);
            return;
        }
        if (by.Trim().Length == 0)
        {
            await ErrorAsync(context, 400, "acknowledgedBy is required").ConfigureAwait(false);
            return;
        }
        // Durable (fsynced) before the answer, so a confirmed acknowledgement survives a crash.
        var acknowledgement = states.Acknowledge(group.Key, group.Alerts, by.Trim(), comment);
        var json = new GoJsonWriter(256);
        WriteAcknowledgement(json, acknowledgement);
        await WriteAsync(context, 200, json).ConfigureAwait(false);
    }

    private static string StringField(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    private Task Unacknowledge(HttpContext context, string id)
    {
        var states = _sources.GroupStates;
        var group = FindGroup(id);
        if (states is null || group is null)
        {
            return ErrorAsync(context, 404, $"no alert group with id \"{id}\"");
        }
        states.Unacknowledge(group.Key, group.Alerts, by: null, "acknowledgement removed through the API");
        context.Response.StatusCode = 200;
        return Task.CompletedTask;
    }

    /// <summary>What a signed link refers to once checked: the group, or the status and page to answer instead.</summary>
    private sealed record LinkTarget(AlertGroupView? Group, int Status, string Title, string Message);

    private LinkTarget ResolveLink(HttpContext context)
    {
        var tokens = _sources.AcknowledgementTokens;
        if (tokens is null || _sources.GroupStates is null)
        {
            return new LinkTarget(null, 404, "Not available", "Acknowledgement links are not enabled on this alert manager.");
        }
        var token = context.Request.Query["token"].FirstOrDefault();
        switch (tokens.Verify(token, out var groupId, out var digest))
        {
            case AcknowledgementTokenCheck.Malformed:
                return new LinkTarget(null, 400, "Invalid link", "This acknowledgement link is incomplete or damaged. Open the link from the notification again.");
            case AcknowledgementTokenCheck.BadSignature:
                return new LinkTarget(null, 403, "Invalid link", "This acknowledgement link was not issued by this alert manager or has been altered.");
        }
        var group = FindGroup(groupId);
        var now = _sources.UtcNow();
        if (group is null || AcknowledgementTokens.Digest(group.Alerts.Where(a => !a.IsResolved(now)).Select(a => a.Fingerprint)) != digest)
        {
            return new LinkTarget(null, 410, "Link expired",
                "The alerts this link was sent for have changed or resolved since. A newer notification carries a link for the alerts firing now.");
        }
        return new LinkTarget(group, 200, "Acknowledge alerts", string.Empty);
    }

    private Task ShowAcknowledgeLinkAsync(HttpContext context)
    {
        var target = ResolveLink(context);
        if (target.Group is not { } group)
        {
            return AcknowledgementPage.WriteAsync(context, target.Status, target.Title, AcknowledgementPage.Paragraph(target.Message));
        }
        var token = context.Request.Query["token"].First()!;
        var body = AcknowledgementPage.Group(group, _sources.UtcNow()) +
            AcknowledgementPage.Current(_sources.GroupStates!.AcknowledgementOf(group.Key)) +
            AcknowledgementPage.Form(token);
        return AcknowledgementPage.WriteAsync(context, 200, "Acknowledge alerts", body);
    }

    private async Task AcknowledgeByLinkAsync(HttpContext context)
    {
        var target = ResolveLink(context);
        if (target.Group is not { } group)
        {
            await AcknowledgementPage.WriteAsync(context, target.Status, target.Title, AcknowledgementPage.Paragraph(target.Message)).ConfigureAwait(false);
            return;
        }
        var by = LinkUser;
        var comment = "acknowledged through the notification link";
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            if (form["acknowledgedBy"].FirstOrDefault()?.Trim() is { Length: > 0 } name)
            {
                by = name;
            }
            if (form["comment"].FirstOrDefault()?.Trim() is { Length: > 0 } text)
            {
                comment = text;
            }
        }
        var acknowledgement = _sources.GroupStates!.Acknowledge(group.Key, group.Alerts, by, comment);
        await AcknowledgementPage.WriteAsync(context, 200, "Acknowledged",
            AcknowledgementPage.Group(group, _sources.UtcNow()) + AcknowledgementPage.Current(acknowledgement)).ConfigureAwait(false);
    }
}
