using Argus.Model.Labels;
using Argus.Storage;

namespace Argus.Scrape.RemoteWrite;

/// <summary>A series the receiver has seen before: its validated labels and storage ref. The ref is
/// updated racily by concurrent requests, which is harmless: any ref a storage returned stays valid.</summary>
internal sealed class RemoteWriteSeriesEntry(LabelSet labels)
{
    public LabelSet Labels { get; } = labels;

    public SeriesRef Ref;
}
