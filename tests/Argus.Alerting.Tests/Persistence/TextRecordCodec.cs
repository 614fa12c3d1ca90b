using System.Text;
using Argus.Alerting.Persistence;

namespace Argus.Alerting.Tests.Persistence;

/// <summary>Records that are plain strings, keyed by the text before the first '='; the later record always wins.
/// Enough to exercise <see cref="SnapshotLog{T}"/> without any store around it.</summary>
internal sealed class TextRecordCodec : ISnapshotRecordCodec<string>
{
    public static readonly TextRecordCodec Instance = new();

    public string KeyOf(string record) => record.Split('=')[0];

    public bool IsNewerOrSame(string candidate, string known) => true;

    public byte[] Encode(string record) => Encoding.UTF8.GetBytes(record);

    public string Decode(byte[] payload) => Encoding.UTF8.GetString(payload);
}
