using System.Collections.Concurrent;
using System.Reflection;

namespace Argus.Templates.Execution;

/// <summary>
/// A public property, field or method of a .NET type seen as a Go struct field or method. Members
/// declared by BCL types (namespace <c>System*</c>) are not visible: a <c>Dictionary</c> is a Go map,
/// whose keys are looked up instead, and <c>Count</c> or <c>ToString</c> must not shadow them.
/// Lookups are cached per (type, name); instances are immutable and thread-safe.
/// </summary>
internal sealed class MemberShape
{
    private static readonly ConcurrentDictionary<(Type, string), MemberShape?> Cache = new();

    private MemberShape(PropertyInfo? property, FieldInfo? field, MethodInfo[] methods)
    {
        Property = property;
        Field = field;
        Methods = methods;
    }

    public PropertyInfo? Property { get; }

    public FieldInfo? Field { get; }

    /// <summary>The public methods of that name (overloads), empty for a property or field.</summary>
    public MethodInfo[] Methods { get; }

    public bool IsMethod => Methods.Length > 0;

    public static MemberShape? Find(Type type, string name) => Cache.GetOrAdd((type, name), static key => Build(key.Item1, key.Item2));

    private static MemberShape? Build(Type type, string name)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance;
        var methods = type.GetMethods(Flags)
            .Where(m => m.Name == name && !m.IsSpecialName && !m.IsGenericMethodDefinition && IsVisible(m.DeclaringType))
            .OrderBy(m => m.GetParameters().Length)
            .ToArray();
        if (methods.Length > 0)
        {
            return new MemberShape(null, null, methods);
        }
        var property = type.GetProperties(Flags)
            .FirstOrDefault(p => p.Name == name && p.GetIndexParameters().Length == 0 && p.CanRead && IsVisible(p.DeclaringType));
        if (property is not null)
        {
            return new MemberShape(property, null, []);
        }
        var field = type.GetField(name, Flags);
        if (field is not null && IsVisible(field.DeclaringType))
        {
            return new MemberShape(null, field, []);
        }
        return null;
    }

    private static bool IsVisible(Type? declaringType) =>
        declaringType?.Namespace is not { } ns || !(ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal));

    public object? GetValue(object receiver) => Property is not null ? Property.GetValue(receiver) : Field!.GetValue(receiver);
}
