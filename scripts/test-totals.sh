#!/usr/bin/env bash
# Sums the counters of every TRX file under $1 and prints "N passed, M failed".
# A run that executed nothing prints "0 passed, 0 failed", which is visible, and exits 1.
set -euo pipefail
dir=${1:-TestResults}
passed=0
failed=0
shopt -s nullglob globstar
for f in "$dir"/**/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  fl=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${fl:-0}))
done
echo "${passed} passed, ${failed} failed"
[ "$passed" -gt 0 ] || exit 1
