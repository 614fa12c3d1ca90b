namespace Argus.PromQL.Testing;

/// <summary>An <c>expect warn|info [msg: …|regex: …]</c> line; both texts null means "any".</summary>
public sealed record AnnotationExpectation(bool Warning, string? Message, string? Regex);
