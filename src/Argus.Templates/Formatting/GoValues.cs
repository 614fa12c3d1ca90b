using System.Collections;
using Argus.Templates.Execution;

namespace Argus.Templates.Formatting;

/// <summary>
/// Maps plain .NET values onto Go's kinds: integer types are Go ints (unsigned ones uints), float,
/// double and decimal are floats, dictionaries are maps, other enumerables are slices, TimeSpan is a
/// <c>time.Duration</c> and DateTime/DateTimeOffset a <c>time.Time</c>.
/// </summary>
public static class GoValues
{
    public static GoKind KindOf(object? value) => value switch
    {
        null => GoKind.Nil,
        NoValue => GoKind.Invalid,
        bool => GoKind.Bool,
        sbyte or short or int or long or char => GoKind.Int,
        byte or ushort or uint or ulong => GoKind.Uint,
        float or double or decimal => GoKind.Float,
        string => GoKind.String,
        TimeSpan => GoKind.Duration,
        DateTime or DateTimeOffset => GoKind.Time,
        Delegate => GoKind.Func,
        _ when MapShape.For(value.GetType()) is not null => GoKind.Map,
        IEnumerable => GoKind.Slice,
        _ => GoKind.Struct,
    };

    public static long ToInt64(object value) => value switch
    {
        sbyte v => v,
        short v => v,
        int v => v,
        long v => v,
        char v => v,
        byte v => v,
        ushort v => v,
        uint v => v,
        ulong v => unchecked((long)v),
        _ => throw new InvalidCastException($"{TypeName(value)} is not an integer"),
    };

    public static ulong ToUInt64(object value) => value switch
    {
        byte v => v,
        ushort v => v,
        uint v => v,
        ulong v => v,
        _ => unchecked((ulong)ToInt64(value)),
    };

    public static double ToDouble(object value) => value switch
    {
        float v => v,
        double v => v,
        decimal v => (double)v,
        ulong v => v,
        _ => ToInt64(value),
    };

    /// <summary>Go's truth of a value (<c>template.IsTrue</c>): false for zero values, empty collections, nil and no value.</summary>
    public static bool IsTrue(object? value)
    {
        switch (KindOf(value))
        {
            case GoKind.Invalid:
            case GoKind.Nil:
                return false;
            case GoKind.Bool:
                return (bool)value!;
            case GoKind.Int:
                return ToInt64(value!) != 0;
            case GoKind.Uint:
                return ToUInt64(value!) != 0;
            case GoKind.Float:
                return ToDouble(value!) != 0;
            case GoKind.String:
                return ((string)value!).Length != 0;
            case GoKind.Duration:
                return (TimeSpan)value! != TimeSpan.Zero;
            case GoKind.Map:
                return MapShape.For(value!.GetType())!.Count(value!) != 0;
            case GoKind.Slice:
                return Count((IEnumerable)value!) != 0;
            default:
                return true;
        }
    }

    public static int Count(IEnumerable items)
    {
        if (items is ICollection collection)
        {
            return collection.Count;
        }
        var n = 0;
        foreach (var unused in items)
        {
            n++;
        }
        return n;
    }

    /// <summary>A Go-like type name for error messages and <c>%T</c>.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "<nil>",
        NoValue => "<no value>",
        _ => TypeName(value.GetType()),
    };

    public static string TypeName(Type type)
    {
        if (type == typeof(string))
        {
            return "string";
        }
        if (type == typeof(bool))
        {
            return "bool";
        }
        if (type == typeof(int) || type == typeof(long))
        {
            return "int";
        }
        if (type == typeof(double))
        {
            return "float64";
        }
        if (type == typeof(float))
        {
            return "float32";
        }
        if (type == typeof(short))
        {
            return "int16";
        }
        if (type == typeof(sbyte))
        {
            return "int8";
        }
        if (type == typeof(char))
        {
            return "int32";
        }
        if (type == typeof(byte))
        {
            return "uint8";
        }
        if (type == typeof(ushort))
        {
            return "uint16";
        }
        if (type == typeof(uint))
        {
            return "uint";
        }
        if (type == typeof(ulong))
        {
            return "uint64";
        }
        if (type == typeof(TimeSpan))
        {
            return "time.Duration";
        }
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return "time.Time";
        }
        var map = MapShape.For(type);
        if (map is not null && (type.IsGenericType || type.IsArray || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true))
        {
            return "map[" + TypeName(map.KeyType) + "]" + TypeName(map.ValueType);
        }
        if (type.IsArray)
        {
            return "[]" + TypeName(type.GetElementType()!);
        }
        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            return "[]" + TypeName(type.GetGenericArguments()[^1]);
        }
        if (type == typeof(object))
        {
            return "interface {}";
        }
        return type.Name;
    }
}
