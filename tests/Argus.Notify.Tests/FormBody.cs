namespace Argus.Notify.Tests;

/// <summary>Reads an <c>application/x-www-form-urlencoded</c> body back into its parameters, in order.</summary>
internal static class FormBody
{
    public static Dictionary<string, string> Parse(string body) =>
        body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Decode(p[0]), p => Decode(p[1]));

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
