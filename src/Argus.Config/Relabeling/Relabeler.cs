using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Argus.Model.Labels;

namespace Argus.Config.Relabeling;

/// <summary>
/// Applies relabel rules to a label set, with Prometheus' semantics for every action. The source
/// values are joined with the rule's separator; regexes match the whole value.
/// </summary>
/// <remarks>
/// Thread-safe (rules are immutable; scratch space is per thread). Keep, drop, keepequal,
/// dropequal, hashmod, labeldrop and labelkeep allocate nothing beyond the labels they set; a
/// replace whose templates use capture groups, and labelmap, allocate the regex match they need
/// (.NET offers no allocation-free capture API).
/// </remarks>
public static class Relabeler
{
    [ThreadStatic]
    private static Label[]? _threadSnapshot;

    /// <summary>Applies <paramref name="rules"/> in order to <paramref name="labels"/>, changing it
    /// in place. Returns false as soon as a rule drops the set (the builder is then undefined).</summary>
    public static bool Process(LabelSetBuilder labels, IReadOnlyList<RelabelConfig> rules)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rules);
        for (var i = 0; i < rules.Count; i++)
        {
            if (!Apply(labels, rules[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Convenience form: the relabeled set, or null when it was dropped.</summary>
    public static LabelSet? Process(LabelSet labels, IReadOnlyList<RelabelConfig> rules)
    {
        var builder = new LabelSetBuilder(labels);
        return Process(builder, rules) ? builder.Build() : null;
    }

    private static bool Apply(LabelSetBuilder labels, RelabelConfig rule)
    {
        var joined = CharBuffer.Rent();
        string? single = null;
        var sources = rule.SourceLabels;
        if (sources.Count == 1)
        {
            single = labels.Get(sources[0]);
        }
        else
        {
            for (var i = 0; i < sources.Count; i++)
            {
                if (i > 0)
                {
                    joined.Append(rule.Separator);
                }
                joined.Append(labels.Get(sources[i]));
            }
        }
        var value = single is null ? joined.Span : single.AsSpan();
        switch (rule.Action)
        {
            case RelabelAction.Drop:
                return !rule.Regex.IsMatch(value);
            case RelabelAction.Keep:
                return rule.Regex.IsMatch(value);
            case RelabelAction.DropEqual:
                return !value.SequenceEqual(labels.Get(rule.TargetLabel));
            case RelabelAction.KeepEqual:
                return value.SequenceEqual(labels.Get(rule.TargetLabel));
            case RelabelAction.Replace:
                Replace(labels, rule, value, single);
                return true;
            case RelabelAction.Lowercase:
                labels.Set(rule.TargetLabel, ChangeCase(value, upper: false));
                return true;
            case RelabelAction.Uppercase:
                labels.Set(rule.TargetLabel, ChangeCase(value, upper: true));
                return true;
            case RelabelAction.HashMod:
                labels.Set(rule.TargetLabel, LabelStrings.Intern(HashMod(value, rule.Modulus).ToString(CultureInfo.InvariantCulture)));
                return true;
            case RelabelAction.LabelMap:
                LabelMap(labels, rule);
                return true;
            case RelabelAction.LabelDrop:
            case RelabelAction.LabelKeep:
                DropOrKeepNames(labels, rule, keepMatching: rule.Action == RelabelAction.LabelKeep);
                return true;
            default:
                throw new InvalidOperationException($"unknown relabel action {rule.Action}");
        }
    }

    /// <summary>MD5 of the UTF-8 value; the last 8 bytes of the digest as a big-endian integer, mod
    /// <paramref name="modulus"/> (Prometheus' rule, kept for compatibility with old versions).</summary>
    internal static ulong HashMod(ReadOnlySpan<char> value, ulong modulus)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        byte[]? rented = null;
        var bytes = length <= 512 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            Encoding.UTF8.GetBytes(value, bytes);
            Span<byte> digest = stackalloc byte[16];
            MD5.HashData(bytes, digest);
            return BinaryPrimitives.ReadUInt64BigEndian(digest[8..]) % modulus;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void Replace(LabelSetBuilder labels, RelabelConfig rule, ReadOnlySpan<char> value, string? single)
    {
        var target = rule.TargetTemplate;
        var replacement = rule.ReplacementTemplate;
        if (!target.HasGroupReferences && !replacement.HasGroupReferences)
        {
            // Constant target and value: only whether the regex matches matters.
            if (!rule.Regex.IsMatch(value))
            {
                return;
            }
            var constantTarget = target.ConstantValue;
            if (!rule.NameValidationScheme.IsValidLabelName(constantTarget))
            {
                return;
            }
            labels.Set(constantTarget, replacement.ConstantValue);
            return;
        }
        var input = single ?? value.ToString();
        var match = rule.Regex.Regex.Match(input);
        if (!match.Success)
        {
            return;
        }
        var targetBuffer = CharBuffer.Rent(second: true);
        target.Expand(match, ref targetBuffer);
        if (!rule.NameValidationScheme.IsValidLabelName(targetBuffer.Span))
        {
            return;
        }
        var targetName = LabelStrings.Intern(targetBuffer.Span);
        var valueBuffer = CharBuffer.Rent(second: true);
        replacement.Expand(match, ref valueBuffer);
        if (valueBuffer.Length == 0)
        {
            labels.Delete(targetName);
            return;
        }
        labels.Set(targetName, LabelStrings.Intern(valueBuffer.Span));
    }

    private static string ChangeCase(ReadOnlySpan<char> value, bool upper)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }
        Span<char> converted = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        if (upper)
        {
            value.ToUpperInvariant(converted);
        }
        else
        {
            value.ToLowerInvariant(converted);
        }
        return LabelStrings.Intern(converted);
    }

    private static ReadOnlySpan<Label> Snapshot(LabelSetBuilder labels)
    {
        var current = labels.AsSpan();
        var snapshot = _threadSnapshot;
        if (snapshot is null || snapshot.Length < current.Length)
        {
            snapshot = _threadSnapshot = new Label[Math.Max(32, current.Length * 2)];
        }
        current.CopyTo(snapshot);
        return snapshot.AsSpan(0, current.Length);
    }

    private static void LabelMap(LabelSetBuilder labels, RelabelConfig rule)
    {
        foreach (var label in Snapshot(labels))
        {
            var match = rule.Regex.Regex.Match(label.Name);
            if (!match.Success)
            {
                continue;
            }
            var buffer = CharBuffer.Rent(second: true);
            rule.ReplacementTemplate.Expand(match, ref buffer);
            labels.Set(LabelStrings.Intern(buffer.Span), label.Value);
        }
    }

    private static void DropOrKeepNames(LabelSetBuilder labels, RelabelConfig rule, bool keepMatching)
    {
        var snapshot = Snapshot(labels);
        for (var i = 0; i < snapshot.Length; i++)
        {
            var name = snapshot[i].Name;
            if (rule.Regex.IsMatch(name) != keepMatching)
            {
                labels.Delete(name);
            }
        }
    }
}
