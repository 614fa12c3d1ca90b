namespace Argus.Web.Hosting;

/// <summary>
/// Whether Argus is ready to serve queries: closed at start, opened by the program once storage is
/// open and the first configuration applied. <c>/-/ready</c> and endpoints marked with
/// <see cref="EndpointReadinessExtensions.RequireReady{TBuilder}"/> answer 503 until then.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class ReadinessGate
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void Open() => _ready = true;

    /// <summary>Closes the gate again, e.g. while shutting down.</summary>
    public void Close() => _ready = false;
}
