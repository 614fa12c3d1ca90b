using System.Collections.Concurrent;
using System.Text;

namespace Argus.Web.Logging;

/// <summary>
/// Turns a message-template placeholder into a log field key in Prometheus' style: <c>{WalSegments}</c>
/// becomes <c>wal_segments</c>. Components name placeholders the C# way, but log pipelines built for
/// Prometheus and Alertmanager expect lower snake case keys.
/// </summary>
internal static class LogFieldName
{
    // Placeholders are a small fixed set (one per call site), so the conversions are cached once each.
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Normalize(string name) => Cache.GetOrAdd(name, Convert);

    private static string Convert(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                // A word starts at an upper-case letter after a lower-case one or a digit, or at the last capital
                // of an acronym followed by a lower-case letter ("HTTPServer" -> "http_server").
                var startsWord = i > 0 && name[i - 1] != '_' &&
                    (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) ||
                     (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
                if (startsWord)
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
