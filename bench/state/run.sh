#!/usr/bin/env bash
# Prints the bytes of Flink state per active key for each keyed operator, on the bundled sample stream
# (dev.earshot.flink.StateBytesBench, in the job module's test code because it runs the operators in Flink's harnesses).
# Usage: bench/state/run.sh [posts [earshot.yaml]]   (default: the whole sample and the default configuration;
#   a few minutes, mostly enrichment)
set -euo pipefail
source "$(dirname "$0")/../test-main.sh"
test_java dev.earshot.flink.StateBytesBench "$@"
