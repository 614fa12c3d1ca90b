namespace Argus.Storage;

/// <summary>Storage could not do what was asked (I/O failure, disk full, corruption). The message names
/// the file or component and the cause.</summary>
public class StorageException : Exception
{
    public StorageException()
    {
    }

    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
