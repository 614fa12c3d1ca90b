namespace Argus.Storage;

/// <summary>Something samples can be written to: the TSDB, a remote-write queue, or a fanout of both.</summary>
public interface IAppendable
{
    /// <summary>A new appender for one batch.</summary>
    IAppender CreateAppender();
}
