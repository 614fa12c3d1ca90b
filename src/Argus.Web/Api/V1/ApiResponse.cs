using Argus.Web.Api.Json;

namespace Argus.Web.Api.V1;

/// <summary>A successful API answer: how to write its <c>data</c>, plus warnings and infos.</summary>
public sealed record ApiResponse(Action<GoJsonWriter> WriteData, IReadOnlyList<string> Warnings, IReadOnlyList<string> Infos);
