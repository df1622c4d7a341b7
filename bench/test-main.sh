# Sourced by the bench scripts: builds the job module's test code and defines test_java, which runs a main class
# of it on the test classpath with the JVM flags Flink and Jackson need.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/mvnw" -q -B -o -f "$root/pom.xml" -pl flink-jobs -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >&2
jobs="$root/flink-jobs/target"
opens=(java.base/java.lang java.base/java.util java.base/java.time java.base/java.io java.base/java.nio)
test_java_flags=()
for p in "${opens[@]}"; do test_java_flags+=("--add-opens=$p=ALL-UNNAMED"); done
test_java() {
  java -Xmx2g "${test_java_flags[@]}" -cp "$jobs/test-classes:$jobs/classes:$(cat "$jobs/test-classpath.txt")" "$@"
}
