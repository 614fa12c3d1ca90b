namespace Argus.Web.Api.V1;

/// <summary>The Alertmanager URLs the notifier sends to (active) and those discovered but dropped by
/// relabeling, for <c>/api/v1/alertmanagers</c>.</summary>
public sealed record AlertmanagerStatus(IReadOnlyList<string> Active, IReadOnlyList<string> Dropped)
{
    public static AlertmanagerStatus None { get; } = new([], []);
}
