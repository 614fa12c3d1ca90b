namespace Argus.Alerting.Config.Receivers;

/// <summary>One message attachment of a Mattermost post (every text is a template; unset texts are null).</summary>
public sealed class MattermostAttachment
{
    public string? Fallback { get; init; }

    public string? Color { get; init; }

    public string? Pretext { get; init; }

    public string? Text { get; init; }

    public string? AuthorName { get; init; }

    public string? AuthorLink { get; init; }

    public string? AuthorIcon { get; init; }

    public string? Title { get; init; }

    public string? TitleLink { get; init; }

    public IReadOnlyList<SlackField> Fields { get; init; } = [];

    public string? ThumbUrl { get; init; }

    public string? Footer { get; init; }

    public string? FooterIcon { get; init; }

    public string? ImageUrl { get; init; }
}
