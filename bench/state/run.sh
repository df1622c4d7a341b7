#!/usr/bin/env bash
# Prints the bytes of Flink state per active key for each keyed operator, on the bundled sample stream
# (dev.earshot.flink.StateBytesBench, in the job module's test code because it runs the operators in Flink's harnesses).
# Usage: bench/state/run.sh [posts [earshot.yaml]]   (default: the whole sample and the default configuration;
#   a few minutes, mostly enrichment)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
"$root/mvnw" -q -B -o -f "$root/pom.xml" -pl flink-jobs -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >&2
jobs="$root/flink-jobs/target"
opens=(java.base/java.lang java.base/java.util java.base/java.time java.base/java.io java.base/java.nio)
flags=()
for p in "${opens[@]}"; do flags+=("--add-opens=$p=ALL-UNNAMED"); done
exec java -Xmx2g "${flags[@]}" -cp "$jobs/test-classes:$jobs/classes:$(cat "$jobs/test-classpath.txt")" \
  dev.earshot.flink.StateBytesBench "$@"
