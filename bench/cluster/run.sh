#!/usr/bin/env bash
# Runs Earshot on a real standalone Flink 2.2.1 cluster on this machine, without Docker or the Flink binary
# distribution: Flink's jars come from Maven Central (flink-dist-pom.xml), the job's from the same build as
# docker/Dockerfile's usrlib, and Kafka and Elasticsearch are `./earshot local kafka|elasticsearch`. It checks what
# the cluster wrote against a local run on the same input and stops everything it started.
#
#   1. application mode, as the Docker image: a JobManager running `earshot run` itself, and a TaskManager;
#      the bundled sample read from Kafka, written to Kafka and Elasticsearch, checkpoints every 10 s to file://
#   2. halfway through, the TaskManager is killed (kill -9) and another started: the job restarts from its last
#      checkpoint, and the exactly-once Kafka outputs must still hold each record once. Before the kill, the
#      TaskManager's Prometheus reporter (plugins/, as in the Flink image) must serve Earshot's counters, and after
#      it the JobManager's must count the restart
#   3. once the outputs stop changing, a stop-with-savepoint that drains (`flink stop
#      --drain`): the input ends there, as a file's does, so the windows still open fire; the job prints its summary
#      and the JobManager exits; Kafka topic counts (read_committed) and Elasticsearch _count are compared with
#      `./earshot run` of the same sample on a local MiniCluster. Without the drain, the last windows would wait for
#      later posts: on Kafka only posts move event time, and a silent input ends nothing
#   4. a JobManager started again from the savepoint, the sample produced a second time: every post must be found a
#      duplicate (the state came back) and nothing but the 30 dead letters may be written again. The drain fired
#      every window and timer, so this checks the state that outlives it (deduplication, offsets), not the windows
#
# Usage: bench/cluster/run.sh       (about 8 minutes on 2 busy cores; the first run downloads about 120 MB of Flink)
# Environment: EARSHOT_CLUSTER_DIR  the cache and work folder (default: local/cluster, kept between runs: Flink's
#                                   jars and the job's build are reused; each run's data is deleted first)
#              EARSHOT_CLUSTER_PORT the first of 11 ports on localhost (default 19580): Kafka, Elasticsearch, then Flink
#              MVN_FLAGS            e.g. -o to build offline
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DIR="$(mkdir -p "${EARSHOT_CLUSTER_DIR:-$ROOT/local/cluster}" && cd "${EARSHOT_CLUSTER_DIR:-$ROOT/local/cluster}" && pwd)"
PORT=${EARSHOT_CLUSTER_PORT:-19580}
KAFKA=localhost:$PORT
ES=http://localhost:$((PORT + 1))
REST=localhost:$((PORT + 3))
PROMETHEUS_PORTS=($((PORT + 9)) $((PORT + 10))) # the reporter's range: the JobManager's, then the TaskManager's
RUN="$DIR/run"
export FLINK_HOME="$DIR/flink"
# shellcheck source=bench/cluster/flink.sh
source "$HERE/flink.sh"

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { say "FAILED: $*"; exit 1; }

SERVICE_PIDS=()
cleanup() {
  flink_stop
  local pid
  for pid in "${SERVICE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVICE_PIDS[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done; done
}
trap cleanup EXIT

# --- the job's jars, as docker/Dockerfile puts them in usrlib (a copy of the tree, so that ./earshot's build stays) ---
say "building Earshot and the job's usrlib (as docker/Dockerfile) in $DIR/job"
"$ROOT/earshot" --version > /dev/null
rm -rf "$DIR/job" && mkdir -p "$DIR/job/tree" "$FLINK_HOME"
(cd "$ROOT" && tar -c --exclude=./local --exclude=target --exclude=.git --exclude=./output --exclude=./state .) \
  | tar -x -C "$DIR/job/tree"
(
  cd "$DIR/job/tree"
  # shellcheck disable=SC2086
  ./mvnw -B -q ${MVN_FLAGS:-} -DskipTests -Dlocal-services.scope=provided package
  # shellcheck disable=SC2086
  ./mvnw -B -q ${MVN_FLAGS:-} -f docker/flink-provided/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$DIR/job/flink-provided"
  mkdir -p "$DIR/job/usrlib"
  tr ':' '\n' < flink-jobs/target/runtime-classpath.txt | xargs cp -t "$DIR/job/usrlib"
  for jar in "$DIR"/job/flink-provided/*.jar; do rm -f "$DIR/job/usrlib/${jar##*/}"; done
  cp flink-jobs/target/earshot-flink-jobs-*.jar "$DIR/job/usrlib/"
)
rm -rf "$FLINK_HOME/usrlib" && ln -s "$DIR/job/usrlib" "$FLINK_HOME/usrlib"
say "usrlib: $(find "$DIR/job/usrlib" -name '*.jar' | wc -l) jars, $(du -sh "$DIR/job/usrlib" | cut -f1)"
say "Flink 2.2.1 from Maven Central into $FLINK_HOME/lib"
flink_fetch_lib

CLASSPATH_OF_EARSHOT="$(cat "$ROOT/flink-jobs/target/runtime-classpath.txt")"
kafka_tool() { java -cp "$CLASSPATH_OF_EARSHOT" "$HERE/KafkaTool.java" "$@" 2>/dev/null; }
OUTPUT_TOPICS=(earshot.posts.dlq earshot.alerts earshot.tickets earshot.window-stats)
topic_counts() { kafka_tool count "$KAFKA" "${OUTPUT_TOPICS[@]}"; }
es_count() { curl -sf "$ES/$1/_count" | sed -n 's/.*"count":\([0-9]*\).*/\1/p'; }
# The number in the last progress or summary line of the JobManager's output that precedes $1 ("records", ...).
last_count() { grep -o "[0-9,]* $1" "$FLINK_HOME/log/jm.out" | tail -n 1 | cut -d' ' -f1 | tr -d ,; }
# Every sample of a metric the cluster's Prometheus reporters serve, as "name{labels} value" lines.
scrape() { local port; for port in "${PROMETHEUS_PORTS[@]}"; do curl -sf "localhost:$port/metrics" || true; done | grep "^$1[{ ]" || true; }
sum_of() { awk '{ sum += $NF } END { printf "%d", sum }'; }
wait_for() { # wait_for SECONDS WHAT COMMAND...
  local limit=$1 what=$2 until=$((SECONDS + $1))
  shift 2
  until "$@"; do ((SECONDS < until)) || fail "$what within ${limit}s"; sleep 2; done
}

# --- Kafka (with the bundled sample in earshot.posts) and Elasticsearch ---
rm -rf "$RUN" && mkdir -p "$RUN"
say "Kafka on $KAFKA, Elasticsearch on $ES (./earshot local ...)"
setsid nohup "$ROOT/earshot" local kafka --port "$PORT" --dir "$RUN/kafka" --load-sample > "$RUN/kafka.log" 2>&1 < /dev/null &
SERVICE_PIDS+=($!)
setsid nohup "$ROOT/earshot" local elasticsearch --port $((PORT + 1)) --dir "$DIR/elasticsearch" > "$RUN/es.log" 2>&1 < /dev/null &
SERVICE_PIDS+=($!)
wait_for 300 "Kafka did not take the sample" grep -q "produced the bundled sample" "$RUN/kafka.log"
wait_for 300 "Elasticsearch did not start" curl -sf "$ES/_cluster/health?wait_for_status=yellow" -o /dev/null
curl -sf -X DELETE "$ES/earshot-*" -o /dev/null || true
SAMPLE=$(kafka_tool count "$KAFKA" earshot.posts | cut -d' ' -f2)
say "earshot.posts holds $SAMPLE records"

cat > "$RUN/earshot.yaml" <<EOF
# As docker/earshot.yaml, on this machine's ports.
parallelism: 2
input: { kind: kafka }
kafka: { bootstrapServers: $KAFKA }
output: { dir: $RUN/output, to: [kafka, elasticsearch] }
elasticsearch: { url: $ES }
checkpoint: { interval: 10s }
EOF
flink_write_conf $((PORT + 2)) "$RUN"

# --- 1 and 2: application mode, with a TaskManager killed halfway ---
say "application mode: JobManager running 'earshot run --config $RUN/earshot.yaml', one TaskManager (2 slots)"
started=$SECONDS
flink_start_jm dev.earshot.cli.EarshotCli run --config "$RUN/earshot.yaml"
flink_start_tm
half_read() { [[ $(last_count records || true) -ge $((SAMPLE / 2)) ]]; }
wait_for 600 "the job did not read half the sample" half_read
read_metric=flink_taskmanager_job_task_operator_earshot_recordsRead
scrape $read_metric | grep -q 'job_name="earshot"' || fail "the TaskManager's Prometheus reporter does not serve $read_metric"
say "Prometheus: $read_metric sums to $(scrape $read_metric | sum_of) over $(scrape $read_metric | wc -l) subtasks"
say "read $(last_count records) records after $((SECONDS - started)) s: killing the TaskManager (kill -9) and starting another"
kill -9 "$(cat "$FLINK_HOME/log/tm.pid")"
sleep 5
flink_start_tm
all_read() { [[ $(last_count records || true) -ge $SAMPLE ]]; }
# Settled: every output unchanged over 60 s, longer than a checkpoint interval, at which the Kafka outputs commit, and
# than the pauses of a read on this busy machine. (The progress line cannot tell that the sample was read: after the
# restart it counts from the checkpoint.)
previous="" stable_since=$SECONDS
while :; do
  sleep 10
  # A count that fails (a busy machine, a broker still electing leaders) is a change: keep waiting.
  now="$(topic_counts | tr '\n' ' ')" || now="(no counts at ${SECONDS}s)"
  if [[ "$now" != "$previous" ]]; then previous="$now" stable_since=$SECONDS; fi
  ((SECONDS - stable_since >= 60)) && break
  ((SECONDS - started < 1200)) || fail "the outputs did not settle within 20 minutes: $now"
done
say "outputs settled after $((SECONDS - started)) s: $previous"
restarts=$(scrape flink_jobmanager_job_numRestarts | sum_of)
[[ $restarts -ge 1 ]] || fail "the JobManager's Prometheus reporter does not count the restart (numRestarts: $restarts)"
say "Prometheus: flink_jobmanager_job_numRestarts $restarts"
grep -q "the job restarts after a failure" "$FLINK_HOME/log/jm.out" \
  || fail "the run did not say why the job restarted (RestartCauses over the cluster's REST API)"

say "flink stop --drain (stop-with-savepoint, ending the input as a file's end does)"
job_id=$(curl -sf "http://$REST/jobs/overview" | sed -n 's/.*"jid":"\([0-9a-f]*\)".*/\1/p')
savepoint=$(flink_cli stop --drain -m "$REST" --savepointPath "file://$RUN/savepoints" "$job_id" | sed -n 's/^Savepoint completed. Path: //p')
[[ -n $savepoint ]] || fail "no savepoint"
wait_for 60 "the JobManager did not exit after the job stopped" bash -c "! kill -0 $(cat "$FLINK_HOME/log/jm.pid") 2>/dev/null"
sed -n '/^Earshot finished/,$p' "$FLINK_HOME/log/jm.out"
cp "$FLINK_HOME/log/jm.out" "$RUN/jm-first.out"

# --- 3: the same sample on a local MiniCluster, as files ---
say "the same sample with ./earshot run on a local MiniCluster"
"$ROOT/earshot" run -o "$RUN/local" > "$RUN/local.out"
lines() { wc -l < "$RUN/local/$1"; }
distinct_ids() { python3 -c 'import json,sys; print(len({json.loads(l)["id"] for l in open(sys.argv[1])}))' "$RUN/local/$1"; }
enriched=$(grep -o '[0-9,]* enriched$' "$RUN/local.out" | tr -d , | cut -d' ' -f1)
curl -sf -X POST "$ES/earshot-*/_refresh" -o /dev/null
declare -A expected=(
  [kafka:earshot.posts.dlq]=$(lines dead-letters.jsonl) [kafka:earshot.alerts]=$(lines alerts.jsonl)
  [kafka:earshot.tickets]=$(lines tickets.jsonl) [kafka:earshot.window-stats]=$(lines window-stats.jsonl)
  [es:earshot-posts-*]=$enriched [es:earshot-stats-*]=$(lines window-stats.jsonl)
  [es:earshot-alerts]=$(distinct_ids alerts.jsonl) [es:earshot-tickets]=$(distinct_ids tickets.jsonl))
declare -A actual=()
while read -r topic count; do actual[kafka:$topic]=$count; done < <(topic_counts)
for index in earshot-posts-* earshot-stats-* earshot-alerts earshot-tickets; do actual[es:$index]=$(es_count "$index"); done
mismatches=0
printf '%-28s %10s %10s\n' output cluster local
for key in "${!expected[@]}"; do
  printf '%-28s %10s %10s %s\n' "$key" "${actual[$key]:-none}" "${expected[$key]}" \
    "$([[ ${actual[$key]:-} == "${expected[$key]}" ]] && echo ok || echo MISMATCH)"
  [[ ${actual[$key]:-} == "${expected[$key]}" ]] || mismatches=$((mismatches + 1))
done | sort
((mismatches == 0)) || fail "$mismatches outputs differ from the local run"

# --- 4: resume from the savepoint; the sample again is all duplicates ---
say "JobManager again --fromSavepoint $savepoint; the sample produced a second time"
before="$(topic_counts | tr '\n' ' ')"
flink_start_jm dev.earshot.cli.EarshotCli --fromSavepoint "$savepoint" run --config "$RUN/earshot.yaml"
wait_for 120 "the resumed job did not start" grep -q "^\[" "$FLINK_HOME/log/jm.out"
kafka_tool produce "$KAFKA" earshot.posts "$ROOT/src/main/resources/sample/posts.jsonl.gz" > /dev/null
wait_for 600 "the resumed job did not read the sample again" all_read
sleep 30 # past a checkpoint, as above; this stop does not drain, as Ctrl-C: nothing of the repeated sample fires
job_id=$(curl -sf "http://$REST/jobs/overview" | sed -n 's/.*"jid":"\([0-9a-f]*\)".*/\1/p')
flink_cli stop -m "$REST" --savepointPath "file://$RUN/savepoints" "$job_id" > /dev/null
wait_for 60 "the JobManager did not exit after the job stopped" bash -c "! kill -0 $(cat "$FLINK_HOME/log/jm.pid") 2>/dev/null"
sed -n '/^Earshot finished/,$p' "$FLINK_HOME/log/jm.out"
after="$(topic_counts | tr '\n' ' ')"
say "before: $before"
say "after:  $after"
grep -q " 0 enriched$" "$FLINK_HOME/log/jm.out" || fail "the resumed job enriched posts it had seen: its state did not come back"
dead_letters=${expected[kafka:earshot.posts.dlq]}
dlq_before=$(grep -o 'earshot.posts.dlq [0-9]*' <<< "$before" | cut -d' ' -f2)
[[ $after == "${before/earshot.posts.dlq $dlq_before /earshot.posts.dlq $((dlq_before + dead_letters)) }" ]] \
  || fail "the resumed job wrote more than the sample's $dead_letters dead letters again"
say "OK: the cluster wrote what the local run wrote, once each across a TaskManager killed mid-run, and resumed from its savepoint"
