#!/usr/bin/env bash
# Times the client's start-up in `earshot run` (configuration, start-up checks, job graph), each run in a fresh JVM
# as a user meets it, and prints each run and the medians (dev.earshot.startup.StartupBench, in the job module's
# test code).
# Usage: bench/startup/run.sh earshot.yaml [runs]   (default 7 runs; the file must name input.path, and
#   enrich.sentimentModel to time a trained model)
set -euo pipefail
source "$(dirname "$0")/../test-main.sh"
config="$1"
runs="${2:-7}"
lines=()
for i in $(seq 1 "$runs"); do
  line=$(test_java dev.earshot.startup.StartupBench "$config" 2>/dev/null | tail -1)
  echo "run $i: $line"
  lines+=("$line")
done
# Fields of a line: config N ms, start-up checks N ms, job graph N ms, total N ms
median() { printf '%s\n' "${lines[@]}" | awk -v f="$1" '{print $f}' | sort -n \
  | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
echo "median of $runs: config $(median 2) ms, start-up checks $(median 6) ms, job graph $(median 10) ms, total $(median 13) ms"
