using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Argus.Notify.Tests;

/// <summary>
/// A real SMTP server with STARTTLS and AUTH (Debian's <c>python3-aiosmtpd</c>, driven by
/// <c>starttls-smtp-server.py</c>) on a free loopback port, with a fresh self-signed certificate for 127.0.0.1
/// whose PEM is in <see cref="CaFile"/>. Accepted messages land in files.
/// </summary>
internal sealed class StartTlsSmtpServer : IDisposable
{
    private const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly DirectoryInfo _dir;

    private StartTlsSmtpServer(Process process, DirectoryInfo dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string CaFile => Path.Combine(_dir.FullName, "cert.pem");

    public static bool IsInstalled => File.Exists("/usr/lib/python3/dist-packages/aiosmtpd/smtp.py");

    public static StartTlsSmtpServer Start(string user, string password, params string[] excludedMechanisms)
    {
        var dir = Directory.CreateTempSubdirectory("argus-smtp-tls-");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(Path.Combine(dir.FullName, "cert.pem"), cert.ExportCertificatePem());
            File.WriteAllText(Path.Combine(dir.FullName, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        }
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "starttls-smtp-server.py"));
        foreach (var argument in new[] { port.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(dir.FullName, "cert.pem"), Path.Combine(dir.FullName, "key.pem"), dir.FullName, user, password })
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var mechanism in excludedMechanisms)
        {
            info.ArgumentList.Add(mechanism);
        }
        var process = Process.Start(info)!;
        // The script prints "ready" once it listens (or exits with a traceback).
        if (process.StandardOutput.ReadLine() != "ready")
        {
            throw new InvalidOperationException("the aiosmtpd test server did not start: " + process.StandardError.ReadToEnd());
        }
        return new StartTlsSmtpServer(process, dir, port);
    }

    public IReadOnlyList<string> Messages() =>
        [.. _dir.GetFiles("*.eml").OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => File.ReadAllText(f.FullName))];

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
}
