namespace Argus.Templates;

/// <summary>
/// Counters of template work across the process, for the server to publish as metrics. Fields are
/// updated with <see cref="Interlocked"/> and may be read at any time.
/// </summary>
public sealed class TemplateStats
{
    /// <summary>The process-wide instance that <see cref="GoTemplate"/> updates.</summary>
    public static TemplateStats Global { get; } = new();

    /// <summary>Texts parsed (successfully or not).</summary>
    public long Parses;

    /// <summary>Texts that failed to parse.</summary>
    public long ParseFailures;

    /// <summary>Template executions started.</summary>
    public long Executions;

    /// <summary>Template executions that ended with an error.</summary>
    public long ExecutionFailures;
}
