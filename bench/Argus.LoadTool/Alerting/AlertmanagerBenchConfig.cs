namespace Argus.LoadTool.Alerting;

/// <summary>
/// The Alertmanager configuration every system under test runs with, in Alertmanager's own format so Argus and a
/// real Alertmanager load the same file: every alert is its own group (<c>group_by: ['...']</c>); the ingest and
/// silence scenarios route to a receiver without integrations, so only the alert manager itself is measured; the
/// latency scenario delivers at once (<c>group_wait: 0s</c>) and the flush scenario after a short common wait, both
/// to the benchmark's webhook sink.
/// </summary>
internal static class AlertmanagerBenchConfig
{
    public static string Yaml(string sinkAddress, int flushWaitSeconds) => $$"""
        # Written by argus-load am-config: the alert manager benchmark's configuration.
        route:
          receiver: blackhole
          group_by: ['...']
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 4h
          routes:
            - matchers: ['scenario="latency"']
              receiver: sink
              group_wait: 0s
            - matchers: ['scenario="flush"']
              receiver: sink
              group_wait: {{flushWaitSeconds}}s
        receivers:
          - name: blackhole
          - name: sink
            webhook_configs:
              - url: http://{{sinkAddress}}/
                send_resolved: false
        """;
}
