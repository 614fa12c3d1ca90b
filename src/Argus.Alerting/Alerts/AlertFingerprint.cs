using Argus.Model.Labels;

namespace Argus.Alerting.Alerts;

/// <summary>
/// Alertmanager's fingerprint of a label set (Prometheus common <c>model.LabelSet.Fingerprint</c>):
/// FNV-1a 64 over the labels sorted by name, each name and value followed by a 0xFF separator byte.
/// It is what the API shows as <c>fingerprint</c> (16 lower-case hex digits) and what alerts are keyed by.
/// </summary>
public static class AlertFingerprint
{
    private const byte Separator = 0xFF;

    /// <summary>Computes the fingerprint; <see cref="LabelSet"/> is already sorted by name.</summary>
    public static ulong Compute(LabelSet labels)
    {
        var hash = Fnv64.Offset;
        foreach (var label in labels.AsSpan())
        {
            hash = Fnv64.Add(hash, label.Name);
            hash = Fnv64.AddByte(hash, Separator);
            hash = Fnv64.Add(hash, label.Value);
            hash = Fnv64.AddByte(hash, Separator);
        }
        return hash;
    }

    /// <summary>The 16-digit lower-case hex form the API prints.</summary>
    public static string Format(ulong fingerprint) => fingerprint.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
