using Argus.Scrape.Host;
using Argus.Scrape.Http;
using Argus.Scrape.Parsing;
using Argus.Scrape.Tests.Parsing;

namespace Argus.Scrape.Tests.Host;

public sealed class HostCollectorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("argus-proc-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private void WriteFixture()
    {
        Write("stat", """
            cpu  300 10 200 5000 50 0 20 0 0 0
            cpu0 100 5 100 2500 25 0 10 0 7 3
            cpu1 200 5 100 2500 25 0 10 0 0 0
            intr 12345 0 0
            ctxt 6486215
            btime 1795319113
            processes 26840
            procs_running 22
            procs_blocked 1

            """);
        Write("loadavg", "0.50 0.25 0.10 2/413 26840\n");
        Write("meminfo", "MemTotal:       24683620 kB\nActive(anon):     1000 kB\nHugePages_Total:       0\n");
        Write("diskstats", """
               7       0 loop0 1 0 2 0 0 0 0 0 0 0 0 0 0 0 0 0 0
               8       0 sda 100 5 2048 300 50 2 4096 700 1 1500 2000 0 0 0 0 0 0
               8       1 sda1 90 5 1024 300 50 2 4096 700 0 1400 2000 0 0 0 0 0 0

            """);
        Write("net/dev", """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo: 2984014    1946    0    0    0     0          0         0  2984014    1946    0    0    0     0       0          0
              eth0: 100 2 3 4 5 6 7 8 900 10 11 12 13 14 15 16

            """);
        Write("sys/fs/file-nr", "2428\t0\t2466167\n");
        Write("sys/kernel/domainname", "(none)\n");
        Write("sys/kernel/hostname", "node-1\n");
        Write("sys/kernel/osrelease", "6.1.0\n");
        Write("sys/kernel/ostype", "Linux\n");
        Write("sys/kernel/version", "#1 SMP\n");
        Write("mounts", $"/dev/sda1 {Path.GetTempPath().TrimEnd('/')} ext4 rw,relatime 0 0\nproc /proc proc rw 0 0\n/dev/sdb /mnt/with\\040space ext4 ro 0 0\n");
    }

    private static Dictionary<string, double> Samples(string text)
    {
        var result = new Dictionary<string, double>();
        foreach (var sample in ParseHelper.Samples(text, ExpositionFormat.PrometheusText))
        {
            result[sample.Labels.ToString()] = sample.Value;
        }
        return result;
    }

    [Fact]
    public void Fixture_files_become_node_exporter_metrics()
    {
        WriteFixture();
        var samples = Samples(new HostCollector(new HostPaths(_root, Path.Combine(_root, "sys"))).Render());

        Assert.Equal(1.0, samples["{__name__=\"node_cpu_seconds_total\", cpu=\"0\", mode=\"user\"}"]);
        Assert.Equal(25.0, samples["{__name__=\"node_cpu_seconds_total\", cpu=\"1\", mode=\"idle\"}"]);
        Assert.Equal(0.07, samples["{__name__=\"node_cpu_guest_seconds_total\", cpu=\"0\", mode=\"user\"}"]);
        Assert.DoesNotContain(samples.Keys, k => k.Contains("cpu=\"\"", StringComparison.Ordinal));
        Assert.Equal(1795319113, samples["{__name__=\"node_boot_time_seconds\"}"]);
        Assert.Equal(6486215, samples["{__name__=\"node_context_switches_total\"}"]);
        Assert.Equal(1, samples["{__name__=\"node_procs_blocked\"}"]);
        Assert.Equal(0.25, samples["{__name__=\"node_load5\"}"]);
        Assert.Equal(24683620.0 * 1024, samples["{__name__=\"node_memory_MemTotal_bytes\"}"]);
        Assert.Equal(1000.0 * 1024, samples["{__name__=\"node_memory_Active_anon_bytes\"}"]);
        Assert.Equal(0, samples["{__name__=\"node_memory_HugePages_Total\"}"]);
        Assert.Equal(2048.0 * 512, samples["{__name__=\"node_disk_read_bytes_total\", device=\"sda\"}"]);
        Assert.Equal(1.5, samples["{__name__=\"node_disk_io_time_seconds_total\", device=\"sda\"}"]);
        Assert.DoesNotContain(samples.Keys, k => k.Contains("node_disk", StringComparison.Ordinal) && (k.Contains("sda1", StringComparison.Ordinal) || k.Contains("loop0", StringComparison.Ordinal)));
        Assert.Equal(100, samples["{__name__=\"node_network_receive_bytes_total\", device=\"eth0\"}"]);
        Assert.Equal(12, samples["{__name__=\"node_network_transmit_drop_total\", device=\"eth0\"}"]);
        Assert.Equal(2428, samples["{__name__=\"node_filefd_allocated\"}"]);
        Assert.Equal(2466167, samples["{__name__=\"node_filefd_maximum\"}"]);
        Assert.Equal(1, samples[
            "{__name__=\"node_uname_info\", domainname=\"(none)\", machine=\"x86_64\", nodename=\"node-1\", release=\"6.1.0\", sysname=\"Linux\", version=\"#1 SMP\"}"]);
        var tmp = Path.GetTempPath().TrimEnd('/');
        Assert.True(samples[$"{{__name__=\"node_filesystem_size_bytes\", device=\"/dev/sda1\", fstype=\"ext4\", mountpoint=\"{tmp}\"}}"] > 0);
        Assert.DoesNotContain(samples.Keys, k => k.Contains("mountpoint=\"/proc\"", StringComparison.Ordinal));
        Assert.Equal(1, samples["{__name__=\"node_filesystem_device_error\", device=\"/dev/sdb\", fstype=\"ext4\", mountpoint=\"/mnt/with space\"}"]);
        Assert.True(samples["{__name__=\"node_time_seconds\"}"] > 1.7e9);
        Assert.Equal(10, samples.Count(s => s.Key.StartsWith("{__name__=\"node_scrape_collector_success\"", StringComparison.Ordinal) && s.Value == 1));
    }

    [Fact]
    public void A_failing_collector_is_reported_and_others_still_work()
    {
        WriteFixture();
        File.Delete(Path.Combine(_root, "loadavg"));
        Write("meminfo", "MemTotal: lots kB\n");
        var samples = Samples(new HostCollector(new HostPaths(_root)).Render());
        Assert.Equal(0, samples["{__name__=\"node_scrape_collector_success\", collector=\"loadavg\"}"]);
        Assert.Equal(0, samples["{__name__=\"node_scrape_collector_success\", collector=\"meminfo\"}"]);
        Assert.Equal(1, samples["{__name__=\"node_scrape_collector_success\", collector=\"cpu\"}"]);
        Assert.DoesNotContain(samples.Keys, k => k.Contains("node_load1", StringComparison.Ordinal) || k.Contains("node_memory", StringComparison.Ordinal));
    }

    [Fact]
    public void The_real_host_renders_a_valid_body_with_every_collector_working()
    {
        var response = new HostCollector().Handle(ReceiverRequest.Create("GET", "/metrics/host", Stream.Null));
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.ContentType);
        var samples = Samples(response.BodyText);
        Assert.Contains(samples.Keys, k => k.StartsWith("{__name__=\"node_cpu_seconds_total\"", StringComparison.Ordinal));
        Assert.True(samples["{__name__=\"node_memory_MemTotal_bytes\"}"] > 0);
        Assert.DoesNotContain(samples, s => s.Key.StartsWith("{__name__=\"node_scrape_collector_success\"", StringComparison.Ordinal) && s.Value == 0);
    }
}
