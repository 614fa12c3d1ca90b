namespace Argus.Web.Logging;

/// <summary>
/// Derives the <c>component</c> field of a log line from a logger category: <c>Argus.Tsdb.Head</c>
/// is <c>tsdb</c>, ASP.NET Core and Kestrel are <c>web</c>, the generic host is <c>host</c>, and a
/// category without dots (e.g. <c>"scrape manager"</c>) is used as the component name verbatim.
/// </summary>
public static class LogComponent
{
    public static string FromCategory(string category)
    {
        if (!category.Contains('.', StringComparison.Ordinal))
        {
            return category;
        }
        if (category.StartsWith("Argus.", StringComparison.Ordinal))
        {
            var rest = category.AsSpan("Argus.".Length);
            var dot = rest.IndexOf('.');
            return (dot < 0 ? rest : rest[..dot]).ToString().ToLowerInvariant();
        }
        if (category.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal))
        {
            return "web";
        }
        if (category.StartsWith("Microsoft.Hosting.", StringComparison.Ordinal) || category.StartsWith("Microsoft.Extensions.Hosting.", StringComparison.Ordinal))
        {
            return "host";
        }
        return category;
    }
}
