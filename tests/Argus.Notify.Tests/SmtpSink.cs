using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Argus.Notify.Tests;

/// <summary>
/// Postfix's <c>smtp-sink</c> (Debian package <c>postfix</c>) on a free loopback port: a real SMTP server that
/// writes every message it accepts, with its envelope (<c>X-Helo-Args</c>, <c>X-Mail-Args</c>,
/// <c>X-Rcpt-Args</c>), to a file in a temporary directory.
/// </summary>
internal sealed class SmtpSink : IDisposable
{
    private const string Binary = "/usr/sbin/smtp-sink";

    private readonly Process _process;
    private readonly DirectoryInfo _dir;

    private SmtpSink(Process process, DirectoryInfo dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public static bool IsInstalled => File.Exists(Binary);

    /// <summary>Starts the sink; <paramref name="extraArguments"/> are smtp-sink options such as <c>-a</c> (no AUTH).</summary>
    public static SmtpSink Start(params string[] extraArguments)
    {
        var dir = Directory.CreateTempSubdirectory("argus-smtp-sink-");
        // smtp-sink refuses to run as root without dropping privileges; the dump directory must stay writable then.
        var asRoot = Environment.UserName == "root";
        if (asRoot && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir.FullName, (UnixFileMode)0x1FF);
        }
        var port = FreePort();
        var info = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (asRoot)
        {
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add("nobody");
        }
        foreach (var argument in extraArguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.ArgumentList.Add("-d");
        info.ArgumentList.Add(Path.Combine(dir.FullName, "%M."));
        info.ArgumentList.Add("127.0.0.1:" + port);
        info.ArgumentList.Add("10");
        var process = Process.Start(info)!;
        var sink = new SmtpSink(process, dir, port);
        sink.WaitUntilListening();
        return sink;
    }

    /// <summary>The messages dumped so far, oldest first.</summary>
    public IReadOnlyList<string> Messages() =>
        [.. _dir.GetFiles().OrderBy(f => f.LastWriteTimeUtc).Select(f => File.ReadAllText(f.FullName))];

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
        _dir.Delete(recursive: true);
    }

    private void WaitUntilListening()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("smtp-sink exited: " + _process.StandardError.ReadToEnd());
            }
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(25);
            }
        }
        throw new InvalidOperationException($"smtp-sink did not listen on 127.0.0.1:{Port}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
