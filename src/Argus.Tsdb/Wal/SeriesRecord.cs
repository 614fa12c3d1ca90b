using Argus.Model.Labels;

namespace Argus.Tsdb.Wal;

/// <summary>A decoded series record: the id the head gave the series and its labels.</summary>
internal readonly record struct SeriesRecord(ulong Id, LabelSet Labels);
