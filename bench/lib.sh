# Shared by the bench/ scripts: the test servers' endpoints, the compiled classes and the test classpath.
# Sourced, not run.
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_RUN=${BENCH_RUN:-/tmp/ekyc-bench}
mkdir -p "$BENCH_RUN"

bench_endpoints() {
  local file=${EKYC_TESTENV_RUN:-/tmp/ekyc-testenv}/endpoints.env
  if [[ ! -r $file ]]; then
    echo "no $file: start the test servers first (testenv/up.sh)" >&2
    exit 2
  fi
  set -a; . "$file"; set +a
}

# Compiles main and test classes (no tests run) and writes the test classpath once per pom change.
bench_build() {
  local offline=-o
  [[ ${BENCH_ONLINE:-} == 1 ]] && offline=
  (cd "$BENCH_ROOT" && ./mvnw -B -q $offline -DskipTests test-compile -pl operator)
  local cp_file=$BENCH_RUN/classpath.txt
  if [[ ! -s $cp_file || $BENCH_ROOT/operator/pom.xml -nt $cp_file ]]; then
    (cd "$BENCH_ROOT" && ./mvnw -B -q $offline -pl operator org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file")
  fi
  # A private copy of the classes: a build running meanwhile (mvnw) must not pull them from under the benchmark.
  snapshot=$BENCH_RUN/classes.$$
  rm -rf "$snapshot"; mkdir -p "$snapshot"
  # BENCH_MAIN_CLASSES: another build's operator classes (an earlier commit's engines, for a before/after figure).
  cp -r "${BENCH_MAIN_CLASSES:-$BENCH_ROOT/operator/target/classes}" "$snapshot/main"
  cp -r "$BENCH_ROOT/operator/target/test-classes" "$snapshot/test"
  trap 'rm -rf "$snapshot"' EXIT
  BENCH_CP=$snapshot/test:$snapshot/main:$(cat "$cp_file")
  # The operator alone (no test classes), for benchmarks that start it as a process of its own.
  export BENCH_OPERATOR_CP=$snapshot/main:$(cat "$cp_file")
  export BENCH_RUN
}

# The JVM options of the chart's operator container: values.yaml's javaOptions, plus -XX:MaxRAM set to its memory
# limit, so that percentage-based heap settings see what they would see in the container (cgroup limit).
bench_chart_java_opts() {
  local values=$BENCH_ROOT/helm/ekyc-operator/values.yaml
  local opts limit
  opts=$(sed -n 's/^javaOptions: *"\(.*\)"$/\1/p' "$values" | head -1)
  limit=$(awk '/^resources:/{r=1} r&&/^  limits:/{l=1} r&&l&&/memory:/{print $2; exit}' "$values")
  case $limit in
    *Mi) limit=$(( ${limit%Mi} * 1024 * 1024 )) ;;
    *Gi) limit=$(( ${limit%Gi} * 1024 * 1024 * 1024 )) ;;
    *) echo "cannot read the chart's memory limit ($limit) from $values" >&2; exit 2 ;;
  esac
  echo "$opts -XX:MaxRAM=$limit"
}

# bench_java <main class> <report file> <args...>: runs a benchmark, then prints its report (ratios first).
bench_java() {
  local main=$1 report=$2; shift 2
  rm -f "$report"
  local rc=0
  java ${BENCH_JAVA_OPTS:-} -Dbench.report="$report" -cp "$BENCH_CP" "$main" "$@" || rc=$?
  echo
  [[ -s $report ]] && cat "$report"
  return $rc
}
