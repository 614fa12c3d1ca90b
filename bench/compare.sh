#!/usr/bin/env bash
# Benchmarks Argus against Prometheus and VictoriaMetrics, one system at a time on 127.0.0.1, with the same
# data set pushed by bench/Argus.LoadTool (remote write 1.0), and writes a Markdown report.
#
#   bench/compare.sh [--series 100000] [--samples 240] [--interval 15s] [--systems "argus prometheus victoriametrics"]
#                    [--out docs/benchmarks.md] [--label "full run"]
#
# Per system: ingestion samples/s (from the load tool), peak RSS (VmHWM), CPU seconds (utime+stime), on-disk
# bytes per sample after a graceful stop (each system flushes on shutdown), memory per active series
# (RSS growth during the load / series), restart time to a ready query API, and the median latency of a fixed
# set of dashboard queries over 1 h at 60 s step. Query results of every system are compared with Argus'
# (same series, values within 1e-9 relative); differences are listed in the report.
set -euo pipefail

series=100000; samples=240; interval=15s; systems="argus prometheus victoriametrics"
out=docs/benchmarks.md; label="run"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --series) series=$2; shift 2;;
    --samples) samples=$2; shift 2;;
    --interval) interval=$2; shift 2;;
    --systems) systems=$2; shift 2;;
    --out) out=$2; shift 2;;
    --label) label=$2; shift 2;;
    *) echo "compare.sh: unknown argument $1" >&2; exit 2;;
  esac
done
command_line="bench/compare.sh --series $series --samples $samples --interval $interval --systems \"$systems\" --label \"$label\""
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/argus-compare.XXXXXX)
port=19090
pid=""
trap 'if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; fi' EXIT

# Peers come from Debian packages; install only what is missing.
need=()
[[ " $systems " == *" prometheus "* ]] && ! command -v prometheus >/dev/null && need+=(prometheus)
[[ " $systems " == *" victoriametrics "* ]] && ! command -v victoria-metrics >/dev/null && need+=(victoria-metrics)
if [[ ${#need[@]} -gt 0 ]]; then
  echo "installing ${need[*]}" >&2
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd=sudo
  $sudo_cmd apt-get install -y --no-install-recommends "${need[@]}" >&2
fi

echo "building argus and the load tool (Release)" >&2
# Argus is measured as it ships: published with ReadyToRun code, so start-up does not wait for the JIT.
dotnet publish -c Release -v q -r linux-x64 --self-contained false -p:PublishReadyToRun=true "$repo/src/Argus.Server" -o "$work/argus-bin" >&2
dotnet build -c Release -v q "$repo/bench/Argus.LoadTool" -o "$work/load-bin" >&2
argus_bin="$work/argus-bin/argus"; [[ -x "$argus_bin" ]] || argus_bin="dotnet $work/argus-bin/argus.dll"
load="$work/load-bin/argus-load"

end_ms=$(( $(date +%s) * 1000 ))

start_system() { # $1 system, $2 data dir; sets pid
  local sys=$1 dir=$2
  case "$sys" in
    argus)
      printf 'global:\n  scrape_interval: 15s\n' > "$work/argus.yml"
      $argus_bin --config.file="$work/argus.yml" --storage.tsdb.path="$dir" --web.listen-address=127.0.0.1:$port >"$work/$sys.log" 2>&1 &;;
    prometheus)
      printf 'global:\n  scrape_interval: 15s\n' > "$work/prometheus.yml"
      prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$dir" --web.listen-address=127.0.0.1:$port \
        --web.enable-remote-write-receiver --web.enable-admin-api >"$work/$sys.log" 2>&1 &;;
    victoriametrics)
      victoria-metrics -storageDataPath="$dir" -httpListenAddr=127.0.0.1:$port -retentionPeriod=100y \
        -search.latencyOffset=0s >"$work/$sys.log" 2>&1 &;;
  esac
  pid=$!
}

wait_ready() { # prints seconds until the query API answers 200
  local t0; t0=$(date +%s.%N)
  for _ in $(seq 1 1200); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/query?query=vector(1)" 2>/dev/null; then
      awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.3f\n", a - b }'; return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "system exited; log:" >&2; tail -20 "$work/$sys.log" >&2; exit 1; fi
    sleep 0.1
  done
  echo "not ready after 120 s" >&2; exit 1
}

stop_system() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$pid/status"; }
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$pid/stat"; }

queries=(
  'rate(node_cpu_seconds_total[5m])'
  'sum by (instance) (rate(node_cpu_seconds_total{mode!="idle"}[5m]))'
  'histogram_quantile(0.9, sum by (le) (rate(node_http_request_duration_seconds_bucket[5m])))'
  'topk(5, node_memory_field3_bytes)'
  'node_filesystem_field1_bytes{device=~"sd[ab]"}'
  'avg_over_time(node_memory_field7_bytes[10m])'
  'count by (device) (node_network_op2_total)'
  'label_replace(node_event4_total, "host", "$1", "instance", "(.*):9100")'
)

for sys in $systems; do
  echo "== $sys" >&2
  dir="$work/data-$sys"; mkdir -p "$dir"
  start_system "$sys" "$dir"; wait_ready >/dev/null
  rss_before=$(rss_kb)
  "$load" push --url "http://127.0.0.1:$port/api/v1/write" --series "$series" --samples "$samples" --interval "$interval" \
    --end-ms "$end_ms" > "$work/$sys.push" || { cat "$work/$sys.push" >&2; echo "push to $sys failed" >&2; exit 1; }
  result=$(grep '^result ' "$work/$sys.push")
  rss_after=$(rss_kb); loadavg=$(cut -d" " -f1 /proc/loadavg)
  [[ "$sys" == victoriametrics ]] && curl -fsS "http://127.0.0.1:$port/internal/force_flush" >/dev/null && sleep 2
  last_ms=$(sed -E 's/.* last_ms=([0-9]+).*/\1/' <<<"$result")
  q_end=$(( last_ms / 60000 * 60 )); q_start=$(( q_end - 3600 ))
  # VictoriaMetrics would answer repetitions from its rollup-result cache; nocache=1 makes it evaluate each
  # time, as Argus and Prometheus do, so the medians compare evaluation with evaluation.
  extra=(); [[ "$sys" == victoriametrics ]] && extra=(-d nocache=1)
  i=0
  for q in "${queries[@]}"; do
    times=()
    for _ in 1 2 3 4 5; do
      t=$(curl -fsS -o "$work/$sys.q$i.json" -w '%{time_total}' --data-urlencode "query=$q" "${extra[@]}" \
          -d "start=$q_start" -d "end=$q_end" -d step=60 "http://127.0.0.1:$port/api/v1/query_range")
      times+=("$t")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 3p > "$work/$sys.q$i.median"
    i=$((i + 1))
  done
  peak=$(hwm_kb); cpu=$(cpu_s)
  stop_system
  disk=$(du -sb "$dir" | cut -f1)
  start_system "$sys" "$dir"; restart=$(wait_ready)
  stop_system
  echo "$sys $result rss_before_kb=$rss_before rss_after_kb=$rss_after peak_kb=$peak cpu_s=$cpu disk_bytes=$disk restart_s=$restart load=$loadavg" >> "$work/summary"
done

python3 "$repo/bench/compare_report.py" "$work" "$out" "$label" "$command_line" "${#queries[@]}" "${queries[@]}"
echo "report written to $out (work files in $work)" >&2
