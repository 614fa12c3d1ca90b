namespace Argus.Web.Ui;

/// <summary>One file of the built web UI, held in memory for the life of the process.</summary>
/// <param name="Path">Path below the UI root, e.g. <c>assets/main-AB12CD34.js</c>.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="ContentType">The Content-Type header value.</param>
/// <param name="ETag">A strong entity tag derived from the content.</param>
public sealed record UiAsset(string Path, ReadOnlyMemory<byte> Content, string ContentType, string ETag);
