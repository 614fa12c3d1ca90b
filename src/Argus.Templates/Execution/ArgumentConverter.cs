using System.Collections;
using System.Globalization;
using Argus.Templates.Formatting;

namespace Argus.Templates.Execution;

/// <summary>Converts template values to the parameter types of .NET methods called from templates.</summary>
internal static class ArgumentConverter
{
    public static object? Convert(object? value, Type target)
    {
        if (value is NoValue)
        {
            value = null;
        }
        if (value is null)
        {
            if (!target.IsValueType || Nullable.GetUnderlyingType(target) is not null)
            {
                return null;
            }
            throw new TemplateArgumentException($"invalid value; expected {GoValues.TypeName(target)}");
        }
        if (target.IsInstanceOfType(value))
        {
            return value;
        }
        var kind = GoValues.KindOf(value);
        if (kind is GoKind.Int or GoKind.Uint or GoKind.Float && IsNumeric(target))
        {
            if (kind == GoKind.Float && !IsFloat(target))
            {
                throw TemplateArgs.WrongType(GoValues.TypeName(target), value);
            }
            return System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
        if (kind == GoKind.Slice && target.IsGenericType || target.IsArray)
        {
            var element = target.IsArray ? target.GetElementType()! : target.GetGenericArguments()[0];
            if (value is IEnumerable items)
            {
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                foreach (var item in items)
                {
                    list.Add(Convert(item, element));
                }
                if (target.IsArray)
                {
                    var array = Array.CreateInstance(element, list.Count);
                    list.CopyTo(array, 0);
                    return array;
                }
                if (target.IsInstanceOfType(list))
                {
                    return list;
                }
            }
        }
        throw TemplateArgs.WrongType(GoValues.TypeName(target), value);
    }

    private static bool IsNumeric(Type t) =>
        t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float) || t == typeof(short)
        || t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort) || t == typeof(byte) || t == typeof(sbyte) || t == typeof(decimal);

    private static bool IsFloat(Type t) => t == typeof(double) || t == typeof(float) || t == typeof(decimal);
}
