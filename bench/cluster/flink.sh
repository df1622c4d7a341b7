#!/usr/bin/env bash
# A standalone Flink 2.2.1 cluster from Maven Central jars, without the Flink binary distribution or Docker, as
# bench/cluster/run.sh uses it. Source this file after setting FLINK_HOME (a cache folder) and CONF_PORT_BASE.
#
#   flink_fetch_lib              lib/: Flink's runtime from Maven Central (bench/cluster/flink-dist-pom.xml), and
#                                plugins/metrics-prometheus: the reporter the Flink image ships
#   flink_write_conf BASE CKPT   conf/config.yaml on loopback, ports BASE..BASE+8 (the Prometheus reporter's
#                                BASE+7..BASE+8, the first free to the JobManager), checkpoints in CKPT
#   flink_start_jm MAIN ARGS...  the JobManager; with MAIN=session a session cluster, else application mode
#                                running MAIN ARGS from usrlib/ (as the image's `standalone-job`)
#   flink_start_tm               a TaskManager with 2 slots
#   flink_cli ARGS...            the `flink` command line (CliFrontend), e.g. flink_cli run -d ... job.jar
#   flink_stop                   stops the JVMs this shell started, by pid
# shellcheck disable=SC2206

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
FLINK_PIDS=()

# What Flink's own scripts give a Java 17 JVM (env.java.default-opts.all of the distribution's config.yaml).
FLINK_JAVA_OPTS=(--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED)

flink_fetch_lib() {
  if [[ ! -f "$FLINK_HOME/lib/.complete" ]]; then
    "$ROOT/mvnw" -B -q -f "$BENCH_DIR/flink-dist-pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$FLINK_HOME/lib"
    touch "$FLINK_HOME/lib/.complete"
  fi
  if [[ ! -f "$FLINK_HOME/plugins/metrics-prometheus/.complete" ]]; then
    "$ROOT/mvnw" -B -q -f "$BENCH_DIR/flink-dist-pom.xml" dependency:copy \
      -Dartifact=org.apache.flink:flink-metrics-prometheus:2.2.1 -DoutputDirectory="$FLINK_HOME/plugins/metrics-prometheus"
    touch "$FLINK_HOME/plugins/metrics-prometheus/.complete"
  fi
}

flink_write_conf() {
  local base=$1 checkpoints=$2
  mkdir -p "$FLINK_HOME/conf" "$FLINK_HOME/log"
  cat > "$FLINK_HOME/conf/config.yaml" <<EOF
jobmanager.rpc.address: localhost
jobmanager.bind-host: localhost
jobmanager.rpc.port: $((base))
rest.address: localhost
rest.bind-address: localhost
rest.port: $((base + 1))
blob.server.port: $((base + 2))
taskmanager.host: localhost
taskmanager.bind-host: localhost
taskmanager.rpc.port: $((base + 3))
taskmanager.data.port: $((base + 4))
metrics.internal.query-service.port: $((base + 5))-$((base + 6))
jobmanager.memory.process.size: 1024m
taskmanager.memory.process.size: 2048m
taskmanager.memory.managed.fraction: 0.1
taskmanager.numberOfTaskSlots: 2
parallelism.default: 2
execution.checkpointing.interval: 10s
execution.checkpointing.dir: file://$checkpoints/checkpoints
execution.checkpointing.savepoint-dir: file://$checkpoints/savepoints
metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
metrics.reporter.prom.port: $((base + 7))-$((base + 8))
EOF
  cat > "$FLINK_HOME/conf/log4j.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.append = false
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.pekko.name = org.apache.pekko
logger.pekko.level = WARN
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
EOF
}

# The JVM options and dynamic properties Flink's scripts derive from the memory settings (BashJavaUtils).
flink_resource_params() {
  java -cp "$FLINK_HOME/lib/*" -Dlog4j.configurationFile=file:/dev/null org.apache.flink.runtime.util.bash.BashJavaUtils \
    "$1" --configDir "$FLINK_HOME/conf" 2>/dev/null | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

# flink_start NAME CLASS ARGS...: a JVM in the background, in its own session so that it outlives this shell.
flink_start() {
  local name=$1 class=$2 kind=GET_JM_RESOURCE_PARAMS
  shift 2
  [[ $name == tm ]] && kind=GET_TM_RESOURCE_PARAMS
  local params jvm dynamic
  params=$(flink_resource_params $kind)
  jvm=($(sed -n 1p <<< "$params"))
  dynamic=($(sed -n 2p <<< "$params"))
  # FLINK_LIB_DIR is how the entry point finds usrlib/, the user classpath in application mode (its parent's usrlib).
  FLINK_HOME="$FLINK_HOME" FLINK_LIB_DIR="$FLINK_HOME/lib" FLINK_CONF_DIR="$FLINK_HOME/conf" \
    FLINK_PLUGINS_DIR="$FLINK_HOME/plugins" setsid nohup java "${jvm[@]}" "${FLINK_JAVA_OPTS[@]}" \
    -Dlog.file="$FLINK_HOME/log/$name.log" -Dlog4j.configurationFile="file:$FLINK_HOME/conf/log4j.properties" \
    -cp "$FLINK_HOME/lib/*" "$class" --configDir "$FLINK_HOME/conf" "${dynamic[@]}" "$@" \
    > "$FLINK_HOME/log/$name.out" 2>&1 < /dev/null &
  FLINK_PIDS+=($!)
  echo $! > "$FLINK_HOME/log/$name.pid"
  disown $! # a TaskManager killed on purpose is not reported as a job of this shell
}

flink_start_jm() {
  if [[ $1 == session ]]; then
    flink_start jm org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
  else
    local main=$1
    shift
    flink_start jm org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint --job-classname "$main" "$@"
  fi
}

flink_start_tm() {
  flink_start tm org.apache.flink.runtime.taskexecutor.TaskManagerRunner
}

flink_cli() {
  FLINK_CONF_DIR="$FLINK_HOME/conf" java "${FLINK_JAVA_OPTS[@]}" -Dlog.file="$FLINK_HOME/log/client.log" \
    -Dlog4j.configurationFile="file:$FLINK_HOME/conf/log4j.properties" -cp "$FLINK_HOME/lib/*" \
    org.apache.flink.client.cli.CliFrontend "$@"
}

flink_stop() {
  local pid
  for pid in "${FLINK_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${FLINK_PIDS[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
  done
  FLINK_PIDS=()
}
