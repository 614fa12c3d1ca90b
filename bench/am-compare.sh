#!/usr/bin/env bash
# Benchmarks Argus's alert manager against a real Alertmanager (Debian's prometheus-alertmanager), one system
# at a time on 127.0.0.1, with the same configuration (argus-load am-config) and the same load (argus-load am),
# and prints a Markdown table for docs/benchmarks.md.
#
#   bench/am-compare.sh [--alerts 100000] [--groups 10000] [--silences 10000] [--latency-alerts 1000]
#                       [--systems "argus alertmanager"]
#
# Each scenario runs against a freshly started system with an empty storage directory:
#   ingest    POST /api/v2/alerts in batches of 100 from 4 senders, every alert its own group; alerts/s, and the
#             RSS growth per active alert (VmRSS after minus before, over the number of alerts)
#   latency   one alert at a time to a route with group_wait 0s; POST start to webhook arrival, median and p99
#   flush     N alerts in N groups posted at once, flushed together after group_wait; notifications/s at the sink
#   silences  N silences in force, N alerts each matched by one; time of the first GET /api/v2/alerts
set -euo pipefail

alerts=100000; groups=10000; silences=10000; latency_alerts=1000; systems="argus alertmanager"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --alerts) alerts=$2; shift 2;;
    --groups) groups=$2; shift 2;;
    --silences) silences=$2; shift 2;;
    --latency-alerts) latency_alerts=$2; shift 2;;
    --systems) systems=$2; shift 2;;
    *) echo "am-compare.sh: unknown argument $1" >&2; exit 2;;
  esac
done
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/argus-am-compare.XXXXXX)
port=19093; sink=127.0.0.1:19299
pid=""
trap 'if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; fi' EXIT

if [[ " $systems " == *" alertmanager "* ]] && ! command -v prometheus-alertmanager >/dev/null; then
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd=sudo
  $sudo_cmd apt-get install -y --no-install-recommends prometheus-alertmanager >&2
fi

echo "building argus and the load tool (Release)" >&2
dotnet build -c Release -v q "$repo/src/Argus.Server" -o "$work/argus-bin" >&2
dotnet build -c Release -v q "$repo/bench/Argus.LoadTool" -o "$work/load-bin" >&2
argus_bin="$work/argus-bin/argus"
load="$work/load-bin/argus-load"
"$load" am-config --sink "$sink" --flush-wait 5s > "$work/am.yml"

start_system() { # $1 system; sets pid, waits until ready
  local sys=$1 dir="$work/data-$1-$RANDOM"
  case "$sys" in
    argus) "$argus_bin" alertmanager --config.file="$work/am.yml" --storage.path="$dir" \
             --web.listen-address=127.0.0.1:$port --cluster.listen-address= >"$work/$sys.log" 2>&1 &;;
    alertmanager) prometheus-alertmanager --config.file="$work/am.yml" --storage.path="$dir" \
             --web.listen-address=127.0.0.1:$port --cluster.listen-address= >"$work/$sys.log" 2>&1 &;;
  esac
  pid=$!
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/-/ready" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$sys exited; log:" >&2; tail -20 "$work/$sys.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "$sys not ready after 30 s" >&2; exit 1
}
stop_system() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; } # $1 key, $2 result line

declare -A result
for sys in $systems; do
  echo "== $sys" >&2
  start_system "$sys"; sleep 1; before=$(rss_kb)
  line=$("$load" am --scenario ingest --url "http://127.0.0.1:$port/" --alerts "$alerts" --batch 100 --concurrency 4)
  sleep 2; after=$(rss_kb); stop_system
  echo "$line" >&2
  result[$sys,ingest]=$(field alerts_per_second "$line")
  result[$sys,bytes]=$(( (after - before) * 1024 / alerts ))

  start_system "$sys"
  line=$("$load" am --scenario latency --url "http://127.0.0.1:$port/" --sink "$sink" --alerts "$latency_alerts"); stop_system
  echo "$line" >&2
  result[$sys,median]=$(field median_ms "$line"); result[$sys,p99]=$(field p99_ms "$line")

  start_system "$sys"
  line=$("$load" am --scenario flush --url "http://127.0.0.1:$port/" --sink "$sink" --alerts "$groups" --batch 500 --timeout 120s); stop_system
  echo "$line" >&2
  result[$sys,flush]=$(field notifications_per_second "$line")

  start_system "$sys"
  line=$("$load" am --scenario silences --url "http://127.0.0.1:$port/" --silences "$silences" --alerts "$silences" --timeout 600s); stop_system
  echo "$line" >&2
  result[$sys,get]=$(field first_get_ms "$line"); result[$sys,get2]=$(field second_get_ms "$line")
done

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(uname -r); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Command: bench/am-compare.sh --alerts $alerts --groups $groups --silences $silences --latency-alerts $latency_alerts --systems \"$systems\""
echo
printf '| what |'; for sys in $systems; do printf ' %s |' "$sys"; done; echo
printf '| --- |'; for sys in $systems; do printf ' --- |'; done; echo
row() { printf '| %s |' "$1"; for sys in $systems; do printf ' %s |' "${result[$sys,$2]}"; done; echo; }
row "alerts accepted per second (POST /api/v2/alerts, batches of 100)" ingest
row "RSS per active alert, bytes (own group each)" bytes
row "POST to webhook, median ms (group_wait 0s)" median
row "POST to webhook, p99 ms" p99
row "notifications per second, $groups groups flushing together" flush
row "first GET /api/v2/alerts, ms ($silences silences, $silences alerts)" get
row "second GET /api/v2/alerts, ms" get2
