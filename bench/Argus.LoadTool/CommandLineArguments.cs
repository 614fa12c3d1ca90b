using System.Globalization;

namespace Argus.LoadTool;

/// <summary>
/// The tool's arguments: a subcommand followed by <c>--name value</c> flags. Unknown flags and malformed values
/// are errors naming the flag, so a typo in a benchmark script cannot silently run the wrong size.
/// </summary>
internal sealed class CommandLineArguments
{
    private readonly Dictionary<string, string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CommandLineArguments(string command) => Command = command;

    public string Command { get; }

    public static CommandLineArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("missing subcommand: expected 'push', 'serve', 'am-config' or 'am'");
        }
        var parsed = new CommandLineArguments(args[0]);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"argument {i}: expected a --flag, got \"{arg}\"");
            }
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                parsed._flags[arg[2..eq]] = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                parsed._flags[arg[2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"flag {arg} needs a value");
            }
        }
        return parsed;
    }

    public string String(string name, string fallback)
    {
        _used.Add(name);
        return _flags.TryGetValue(name, out var value) ? value : fallback;
    }

    public long Integer(string name, long fallback, long min = 1)
    {
        var text = String(name, fallback.ToString(CultureInfo.InvariantCulture));
        if (!long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new ArgumentException($"--{name}: \"{text}\" is not an integer >= {min}");
        }
        return value;
    }

    /// <summary>A duration as milliseconds: a plain number of milliseconds or a number with ms/s/m/h.</summary>
    public long DurationMs(string name, string fallback)
    {
        var text = String(name, fallback);
        var (digits, scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 1L),
            _ when text.EndsWith('s') => (text[..^1], 1000L),
            _ when text.EndsWith('m') => (text[..^1], 60_000L),
            _ when text.EndsWith('h') => (text[..^1], 3_600_000L),
            _ => (text, 1L),
        };
        if (!long.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new ArgumentException($"--{name}: \"{text}\" is not a positive duration (e.g. 15s, 500ms)");
        }
        return value * scale;
    }

    /// <summary>Fails on any flag that no option read: call after reading all options.</summary>
    public void RejectUnknown()
    {
        foreach (var name in _flags.Keys)
        {
            if (!_used.Contains(name))
            {
                throw new ArgumentException($"unknown flag --{name} for '{Command}'");
            }
        }
    }
}
