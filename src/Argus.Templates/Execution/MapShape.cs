using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Argus.Templates.Execution;

/// <summary>
/// How to read a .NET dictionary type as a Go map: generic <c>IDictionary&lt;K,V&gt;</c> or
/// <c>IReadOnlyDictionary&lt;K,V&gt;</c>, or the non-generic <c>IDictionary</c>. Shapes are built once
/// per type by reflection and cached; they are immutable and thread-safe.
/// </summary>
internal sealed class MapShape
{
    private static readonly ConcurrentDictionary<Type, MapShape?> Cache = new();

    private readonly MethodInfo? _tryGetValue;
    private readonly PropertyInfo? _entryKey;
    private readonly PropertyInfo? _entryValue;

    private MapShape(Type keyType, Type valueType, MethodInfo? tryGetValue, Type? entryType)
    {
        KeyType = keyType;
        ValueType = valueType;
        _tryGetValue = tryGetValue;
        _entryKey = entryType?.GetProperty("Key");
        _entryValue = entryType?.GetProperty("Value");
        ZeroValue = valueType == typeof(string) ? string.Empty
            : valueType.IsValueType ? Activator.CreateInstance(valueType) : null;
    }

    public Type KeyType { get; }

    public Type ValueType { get; }

    /// <summary>Go's zero value of the element type (what a missing key yields for <c>index</c>).</summary>
    public object? ZeroValue { get; }

    /// <summary>The shape of <paramref name="type"/>, or null when it is not a dictionary.</summary>
    public static MapShape? For(Type type) => Cache.GetOrAdd(type, Build);

    private static MapShape? Build(Type type)
    {
        foreach (var iface in type.GetInterfaces().Prepend(type))
        {
            if (!iface.IsInterface || !iface.IsGenericType)
            {
                continue;
            }
            var definition = iface.GetGenericTypeDefinition();
            if (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            {
                var args = iface.GetGenericArguments();
                var entryType = typeof(KeyValuePair<,>).MakeGenericType(args);
                return new MapShape(args[0], args[1], iface.GetMethod("TryGetValue"), entryType);
            }
        }
        if (typeof(IDictionary).IsAssignableFrom(type))
        {
            return new MapShape(typeof(object), typeof(object), null, null);
        }
        return null;
    }

    public int Count(object map)
    {
        if (map is ICollection collection)
        {
            return collection.Count;
        }
        var n = 0;
        foreach (var unused in (IEnumerable)map)
        {
            n++;
        }
        return n;
    }

    /// <summary>Looks a key up; the key is converted to the map's key type first (false when it cannot be).</summary>
    public bool TryGet(object map, object? key, out object? value)
    {
        // Label and annotation maps are by far the most common receivers: skip reflection for them.
        if (key is string name)
        {
            switch (map)
            {
                case IReadOnlyDictionary<string, string> strings:
                    var hasText = strings.TryGetValue(name, out var text);
                    value = text;
                    return hasText;
                case IReadOnlyDictionary<string, object?> objects:
                    return objects.TryGetValue(name, out value);
            }
        }
        value = null;
        if (_tryGetValue is null)
        {
            var dictionary = (IDictionary)map;
            if (key is null || !dictionary.Contains(key))
            {
                return false;
            }
            value = dictionary[key];
            return true;
        }
        if (!TryConvertKey(key, out var converted))
        {
            return false;
        }
        var args = new[] { converted, null };
        var found = (bool)_tryGetValue.Invoke(map, args)!;
        value = args[1];
        return found;
    }

    public bool TryConvertKey(object? key, out object? converted)
    {
        converted = key;
        if (key is null)
        {
            return !KeyType.IsValueType;
        }
        if (KeyType.IsInstanceOfType(key))
        {
            return true;
        }
        if (KeyType.IsPrimitive && key is IConvertible)
        {
            try
            {
                converted = Convert.ChangeType(key, KeyType, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            }
            catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>The entries in Go's order: keys sorted (numbers numerically, strings by ordinal).</summary>
    public List<KeyValuePair<object, object?>> SortedEntries(object map)
    {
        var entries = new List<KeyValuePair<object, object?>>();
        if (_entryKey is null)
        {
            foreach (DictionaryEntry entry in (IDictionary)map)
            {
                entries.Add(new KeyValuePair<object, object?>(entry.Key, entry.Value));
            }
        }
        else
        {
            foreach (var entry in (IEnumerable)map)
            {
                entries.Add(new KeyValuePair<object, object?>(_entryKey.GetValue(entry)!, _entryValue!.GetValue(entry)));
            }
        }
        entries.Sort((a, b) => CompareKeys(a.Key, b.Key));
        return entries;
    }

    private static int CompareKeys(object a, object b)
    {
        if (a is string sa && b is string sb)
        {
            return string.CompareOrdinal(sa, sb);
        }
        if (a is IComparable ca && a.GetType() == b.GetType())
        {
            return ca.CompareTo(b);
        }
        return string.CompareOrdinal(a.ToString(), b.ToString());
    }
}
