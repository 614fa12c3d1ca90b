using System.Collections;
using System.Text;
using Argus.Templates.Formatting;

namespace Argus.Templates.Execution;

/// <summary>
/// Go's predefined template functions: comparison (<c>eq ne lt le gt ge</c>), logic (<c>and or not</c>;
/// the executor short-circuits <c>and</c>/<c>or</c>), <c>len index slice call</c>, <c>print printf println</c>
/// and the <c>html js urlquery</c> escapers, with Go's error wording.
/// </summary>
internal static class Builtins
{
    private const string BadComparisonType = "invalid type for comparison";
    private const string BadComparison = "incompatible types for comparison";

    public static readonly TemplateFunctions Functions = Build();

    private static TemplateFunctions Build() => new TemplateFunctions()
        .Add("and", 1, -1, args => args.FirstOrDefault(a => !GoValues.IsTrue(a), args[^1]))
        .Add("or", 1, -1, args => args.FirstOrDefault(GoValues.IsTrue, args[^1]))
        .Add("not", 1, 1, args => !GoValues.IsTrue(args[0]))
        .Add("eq", 1, -1, args => Equal(args[0], args.AsSpan(1)))
        .Add("ne", 2, 2, args => !Equal(args[0], args.AsSpan(1)))
        .Add("lt", 2, 2, args => Less(args[0], args[1]))
        .Add("le", 2, 2, args => Less(args[0], args[1]) || Equal(args[0], args.AsSpan(1)))
        .Add("gt", 2, 2, args => !(Less(args[0], args[1]) || Equal(args[0], args.AsSpan(1))))
        .Add("ge", 2, 2, args => !Less(args[0], args[1]))
        .Add("len", 1, 1, args => (long)Length(args[0]))
        .Add("index", 1, -1, args => Index(args[0], args.AsSpan(1)))
        .Add("slice", 1, 4, args => Slice(args[0], args.AsSpan(1)))
        .Add("call", 1, -1, args => Call(args[0], args[1..]))
        .Add("print", 0, -1, GoFormatter.Sprint)
        .Add("println", 0, -1, GoFormatter.Sprintln)
        .Add("printf", 1, -1, args => GoFormatter.Sprintf(TemplateArgs.String(args, 0), args[1..]))
        .Add("html", 0, -1, args => GoEscapers.Html(JoinArgs(args)))
        .Add("js", 0, -1, args => GoEscapers.JavaScript(JoinArgs(args)))
        .Add("urlquery", 0, -1, args => GoEscapers.QueryEscape(JoinArgs(args)));

    private static string JoinArgs(object?[] args) => args is [string s] ? s : GoFormatter.Sprint(args);

    private enum BasicKind
    {
        Invalid,
        Bool,
        Int,
        Uint,
        Float,
        String,
        Other,
    }

    private static BasicKind Basic(object? value) => GoValues.KindOf(value) switch
    {
        GoKind.Bool => BasicKind.Bool,
        GoKind.Int or GoKind.Duration => BasicKind.Int,
        GoKind.Uint => BasicKind.Uint,
        GoKind.Float => BasicKind.Float,
        GoKind.String => BasicKind.String,
        GoKind.Nil or GoKind.Invalid => BasicKind.Invalid,
        _ => BasicKind.Other,
    };

    private static long AsInt(object value) => value is TimeSpan t ? t.Ticks * 100 : GoValues.ToInt64(value);

    /// <summary>Go's <c>eq</c>: true when the first argument equals any of the others.</summary>
    public static bool Equal(object? first, ReadOnlySpan<object?> others)
    {
        if (others.Length == 0)
        {
            throw new InvalidOperationException("missing argument for comparison");
        }
        var k1 = Basic(first);
        foreach (var other in others)
        {
            var k2 = Basic(other);
            bool truth;
            if (k1 != k2)
            {
                if (k1 == BasicKind.Int && k2 == BasicKind.Uint)
                {
                    truth = AsInt(first!) >= 0 && (ulong)AsInt(first!) == GoValues.ToUInt64(other!);
                }
                else if (k1 == BasicKind.Uint && k2 == BasicKind.Int)
                {
                    truth = AsInt(other!) >= 0 && GoValues.ToUInt64(first!) == (ulong)AsInt(other!);
                }
                else if (k1 != BasicKind.Invalid && k2 != BasicKind.Invalid)
                {
                    throw new InvalidOperationException(BadComparison);
                }
                else
                {
                    truth = false;
                }
            }
            else
            {
                truth = k1 switch
                {
                    BasicKind.Invalid => true,
                    BasicKind.Bool => (bool)first! == (bool)other!,
                    BasicKind.Int => AsInt(first!) == AsInt(other!),
                    BasicKind.Uint => GoValues.ToUInt64(first!) == GoValues.ToUInt64(other!),
                    BasicKind.Float => GoValues.ToDouble(first!) == GoValues.ToDouble(other!),
                    BasicKind.String => string.Equals((string)first!, (string)other!, StringComparison.Ordinal),
                    _ => OtherEqual(first!, other!),
                };
            }
            if (truth)
            {
                return true;
            }
        }
        return false;
    }

    private static bool OtherEqual(object a, object b)
    {
        if (a.GetType() != b.GetType())
        {
            throw new InvalidOperationException($"non-comparable types {GoFormatter.FormatV(a)}: {GoValues.TypeName(a)}, {GoValues.TypeName(b)}: {GoValues.TypeName(b)}");
        }
        if (GoValues.KindOf(a) is GoKind.Map or GoKind.Slice or GoKind.Func)
        {
            throw new InvalidOperationException($"non-comparable type {GoFormatter.FormatV(a)}: {GoValues.TypeName(a)}");
        }
        return a is DateTime or DateTimeOffset
            ? GoTime.ToDateTimeOffset(a) == GoTime.ToDateTimeOffset(b) && GoTime.ToDateTimeOffset(a).Offset == GoTime.ToDateTimeOffset(b).Offset
            : a.Equals(b);
    }

    /// <summary>Go's <c>lt</c> on basic kinds.</summary>
    public static bool Less(object? a, object? b)
    {
        var k1 = Basic(a);
        var k2 = Basic(b);
        if (k1 is BasicKind.Invalid or BasicKind.Other || k2 is BasicKind.Invalid or BasicKind.Other)
        {
            throw new InvalidOperationException(BadComparisonType);
        }
        if (k1 != k2)
        {
            if (k1 == BasicKind.Int && k2 == BasicKind.Uint)
            {
                return AsInt(a!) < 0 || (ulong)AsInt(a!) < GoValues.ToUInt64(b!);
            }
            if (k1 == BasicKind.Uint && k2 == BasicKind.Int)
            {
                return AsInt(b!) >= 0 && GoValues.ToUInt64(a!) < (ulong)AsInt(b!);
            }
            throw new InvalidOperationException(BadComparison);
        }
        return k1 switch
        {
            BasicKind.Bool => throw new InvalidOperationException(BadComparisonType),
            BasicKind.Int => AsInt(a!) < AsInt(b!),
            BasicKind.Uint => GoValues.ToUInt64(a!) < GoValues.ToUInt64(b!),
            BasicKind.Float => GoValues.ToDouble(a!) < GoValues.ToDouble(b!),
            _ => string.CompareOrdinal((string)a!, (string)b!) < 0,
        };
    }

    public static int Length(object? item) => GoValues.KindOf(item) switch
    {
        GoKind.String => Encoding.UTF8.GetByteCount((string)item!),
        GoKind.Map => MapShape.For(item!.GetType())!.Count(item!),
        GoKind.Slice => GoValues.Count((IEnumerable)item!),
        GoKind.Nil or GoKind.Invalid => throw new InvalidOperationException("len of untyped nil"),
        _ => throw new InvalidOperationException($"len of type {GoValues.TypeName(item)}"),
    };

    public static object? Index(object? item, ReadOnlySpan<object?> indexes)
    {
        if (item is null or NoValue)
        {
            throw new InvalidOperationException("index of untyped nil");
        }
        foreach (var index in indexes)
        {
            if (item is null or NoValue)
            {
                throw new InvalidOperationException("index of nil pointer");
            }
            switch (GoValues.KindOf(item))
            {
                case GoKind.String:
                    var bytes = Encoding.UTF8.GetBytes((string)item);
                    item = bytes[IndexArgument(index, bytes.Length, "string")];
                    break;
                case GoKind.Slice:
                    var list = item as IList ?? ((IEnumerable)item).Cast<object?>().ToList();
                    item = list[IndexArgument(index, list.Count, "slice/array")];
                    break;
                case GoKind.Map:
                    var shape = MapShape.For(item.GetType())!;
                    if (!shape.TryConvertKey(index, out _))
                    {
                        throw new InvalidOperationException($"value has type {GoValues.TypeName(index)}; should be {GoValues.TypeName(shape.KeyType)}");
                    }
                    item = shape.TryGet(item, index, out var value) ? value : shape.ZeroValue;
                    break;
                default:
                    throw new InvalidOperationException($"can't index item of type {GoValues.TypeName(item)}");
            }
        }
        return item;
    }

    private static int IndexArgument(object? index, int length, string what)
    {
        if (GoValues.KindOf(index) is not (GoKind.Int or GoKind.Uint))
        {
            throw new InvalidOperationException(index is null ? $"cannot index {what} with nil" : $"cannot index {what} with type {GoValues.TypeName(index)}");
        }
        var x = GoValues.ToInt64(index!);
        if (x < 0 || x >= length)
        {
            throw new InvalidOperationException($"index out of range: {x}");
        }
        return (int)x;
    }

    public static object? Slice(object? item, ReadOnlySpan<object?> indexes)
    {
        if (item is null or NoValue)
        {
            throw new InvalidOperationException("slice of untyped nil");
        }
        var kind = GoValues.KindOf(item);
        if (kind is not (GoKind.String or GoKind.Slice))
        {
            throw new InvalidOperationException($"can't slice item of type {GoValues.TypeName(item)}");
        }
        if (kind == GoKind.String && indexes.Length > 2)
        {
            throw new InvalidOperationException($"cannot 3-index slice a string");
        }
        var list = kind == GoKind.Slice ? ((IEnumerable)item).Cast<object?>().ToList() : null;
        var bytes = kind == GoKind.String ? Encoding.UTF8.GetBytes((string)item) : null;
        var length = list?.Count ?? bytes!.Length;
        var bounds = new long[] { 0, length, length };
        for (var i = 0; i < indexes.Length; i++)
        {
            if (GoValues.KindOf(indexes[i]) is not (GoKind.Int or GoKind.Uint))
            {
                throw new InvalidOperationException($"cannot index slice/array with type {GoValues.TypeName(indexes[i])}");
            }
            bounds[i] = GoValues.ToInt64(indexes[i]!);
            if (bounds[i] < 0 || bounds[i] > length)
            {
                throw new InvalidOperationException($"index out of range: {bounds[i]}");
            }
        }
        if (bounds[0] > bounds[1])
        {
            throw new InvalidOperationException($"invalid slice index: {bounds[0]} > {bounds[1]}");
        }
        if (indexes.Length == 3 && bounds[1] > bounds[2])
        {
            throw new InvalidOperationException($"invalid slice index: {bounds[1]} > {bounds[2]}");
        }
        if (bytes is not null)
        {
            return Encoding.UTF8.GetString(bytes, (int)bounds[0], (int)(bounds[1] - bounds[0]));
        }
        return list!.GetRange((int)bounds[0], (int)(bounds[1] - bounds[0]));
    }

    private static object? Call(object? function, object?[] args)
    {
        if (function is not Delegate d)
        {
            throw new InvalidOperationException(function is null ? "call of nil" : $"non-function of type {GoValues.TypeName(function)}");
        }
        var parameters = d.Method.GetParameters();
        if (parameters.Length != args.Length)
        {
            throw new InvalidOperationException($"wrong number of args: got {args.Length} want {parameters.Length}");
        }
        var converted = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            converted[i] = ArgumentConverter.Convert(args[i], parameters[i].ParameterType);
        }
        try
        {
            return d.DynamicInvoke(converted);
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
