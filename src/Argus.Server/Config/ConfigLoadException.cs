namespace Argus.Server.Config;

/// <summary>A configuration could not be loaded; the message names the file, position and cause.</summary>
public sealed class ConfigLoadException : Exception
{
    public ConfigLoadException()
    {
    }

    public ConfigLoadException(string message)
        : base(message)
    {
    }

    public ConfigLoadException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
