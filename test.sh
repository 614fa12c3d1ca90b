#!/usr/bin/env bash
# Runs Argus's whole test suite on a fresh Debian machine with the .NET 10 SDK.
# Installs what the tests need (idempotently), builds everything, runs every test project,
# prints the conformance figures and ends with one line: "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")"

# Real peers used by the interoperability tests (the node exporter and Pushgateway as scrape targets, postfix for its smtp-sink, python3-aiosmtpd for an SMTP
# server with STARTTLS and AUTH) and the browser the web UI tests drive, from Debian's packages; Node.js
# and npm build the web UI (skipped when an npm is already on PATH).
packages=(prometheus prometheus-alertmanager prometheus-node-exporter prometheus-pushgateway postfix python3-aiosmtpd chromium)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  # postfix is installed only for its smtp-sink test server: keep the package from configuring a mail system.
  echo "postfix postfix/main_mailer_type select No configuration" | $sudo_cmd debconf-set-selections
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

results="$PWD/TestResults"
rm -rf "$results"
mkdir -p "$results"
export ARGUS_CONFORMANCE_SUMMARY="$results/conformance.txt"
: > "$ARGUS_CONFORMANCE_SUMMARY"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Argus.slnx -c Release -nologo -v quiet
status=0
dotnet test Argus.slnx -c Release --no-build -nologo -v quiet \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

# Style is part of the contract: `dotnet format` must find nothing to change.
if ! dotnet format Argus.slnx --verify-no-changes --no-restore -v quiet; then
  echo "test.sh: dotnet format would change the code above; run 'dotnet format Argus.slnx'" >&2
  status=1
fi

echo
echo "Conformance:"
sed 's/^/  /' "$ARGUS_CONFORMANCE_SUMMARY"
scripts/test-totals.sh "$results"
exit $status
