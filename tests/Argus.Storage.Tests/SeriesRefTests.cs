namespace Argus.Storage.Tests;

public class SeriesRefTests
{
    [Fact]
    public void Zero_is_the_unknown_ref_and_any_other_value_is_known()
    {
        Assert.True(SeriesRef.None.IsNone);
        Assert.True(default(SeriesRef).IsNone);
        Assert.False(new SeriesRef(1).IsNone);
        Assert.Equal(new SeriesRef(42), new SeriesRef(42));
        Assert.NotEqual(new SeriesRef(42), new SeriesRef(43));
    }

    [Fact]
    public void Storage_exception_keeps_message_and_cause()
    {
        var cause = new IOException("No space left on device");
        var ex = new StorageException("WAL write to /data/wal/00000001 failed", cause);
        Assert.Equal("WAL write to /data/wal/00000001 failed", ex.Message);
        Assert.Same(cause, ex.InnerException);
    }

    [Fact]
    public void Append_status_ok_is_the_default_value()
    {
        // Appenders return default(AppendStatus) on the hot path's success branch; it must mean Ok.
        Assert.Equal(AppendStatus.Ok, default);
        Assert.Equal(5, Enum.GetValues<AppendStatus>().Length);
    }
}
