#!/usr/bin/env bash
# Benchmarks the stub server against a trivial Undertow handler and WireMock, all on 127.0.0.1, and
# writes the "Stub server" section of BENCHMARKS.md.
#
# Needs: JDK 17+, Maven, wrk (apt-get install -y wrk). Fetches WireMock standalone 3.13.2 from Maven
# Central through Maven. Takes about 6 minutes; every wrk run is bounded in time.
# Usage: bench/stub-benchmark.sh [--offline]
set -euo pipefail

cd "$(dirname "$0")/.."
readonly WIREMOCK_VERSION=3.13.2
readonly WORK_DIR=target/bench
readonly RESULTS="$WORK_DIR/stub-results.md"
MAVEN_FLAGS=(-q)
if [[ "${1:-}" == "--offline" ]]; then
  MAVEN_FLAGS+=(-o)
fi

if ! command -v wrk >/dev/null; then
  echo "wrk is not installed; install it with: apt-get install -y wrk" >&2
  exit 1
fi

mkdir -p "$WORK_DIR"
mvn "${MAVEN_FLAGS[@]}" test-compile
mvn "${MAVEN_FLAGS[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK_DIR/classpath.txt"
mvn "${MAVEN_FLAGS[@]}" dependency:copy -Dartifact="org.wiremock:wiremock-standalone:$WIREMOCK_VERSION" \
  -DoutputDirectory="$WORK_DIR"

# 10,000 connections need 10,000 descriptors in the server JVM and in wrk, which inherits this limit.
ulimit -n "$(ulimit -Hn)"
if (( $(ulimit -n) < 12000 )); then
  echo "The open-file limit is $(ulimit -n); the 10,000-connection phase needs at least 12000." >&2
  exit 1
fi

# The same flags as WireMockProcess.JVM_FLAGS: ZGC keeps collector pauses out of the timer lateness.
readonly JVM_FLAGS=(-Xmx2g -XX:+UseZGC)
command_line="java ${JVM_FLAGS[*]} -cp target/classes:target/test-classes:... io.shotload.bench.StubBenchmark"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
cpu_pressure() {
  # Share of the last 60 s in which some runnable task waited for a CPU (Linux pressure stall information).
  if [[ -r /proc/pressure/cpu ]]; then
    awk '/^some/ { split($3, field, "="); print field[2] "%" }' /proc/pressure/cpu
  else
    echo "not available"
  fi
}
pressure_before="$(cpu_pressure)"
java "${JVM_FLAGS[@]}" -cp "target/classes:target/test-classes:$(cat "$WORK_DIR/classpath.txt")" \
  io.shotload.bench.StubBenchmark "$WORK_DIR/wiremock-standalone-$WIREMOCK_VERSION.jar" "$WORK_DIR" "$RESULTS"

section="$WORK_DIR/stub-section.md"
{
  echo "## Stub server"
  echo
  echo "Measured on $(date -u '+%Y-%m-%d %H:%M UTC') with \`bench/stub-benchmark.sh\` (harness: \`$command_line\`)."
  echo "Every server listens on 127.0.0.1; wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}') runs with 2 threads,"
  echo "a 10 s warm-up and a 15 s measured run per row. Latencies are wrk's, from request sent to response read."
  echo "Timer lateness is the stub's own HdrHistogram over the measured run: actual minus scheduled start of"
  echo "every timer task (capture ends and request deadlines)."
  echo
  echo "Machine: $(nproc) cores; memory (free -g):"
  echo
  echo '```'
  free -g
  java -version 2>&1
  echo '```'
  echo
  echo "NOTE: this machine was shared with other builds during the run: the 1, 5 and 15 minute load"
  echo "averages were $load_before at the start and $(cut -d' ' -f1-3 /proc/loadavg) at the end, on 2 cores,"
  echo "and tasks waited for a CPU $pressure_before of the minute before the run and $(cpu_pressure) of its last"
  echo "minute. The figures at the end include the benchmark's own wrk and servers."
  echo "Every figure here competes with that load, so treat them as lower bounds for an idle machine and"
  echo "rerun the script on a quiet one before relying on them."
  echo
  echo "Peak in flight is the largest \`screenshot_captures_running\` sampled every 250 ms. It can exceed the"
  echo "connection count, because captures of the warm-up run still finish after wrk has closed their"
  echo "connections. wrk's p99 can be far above the timer's: wrk and the server share the 2 cores, so at"
  echo "10,000 connections requests wait in socket buffers before the server reads them."
  echo
  cat "$RESULTS"
} > "$section"

# Replace the section in BENCHMARKS.md, or append it; other sections stay as they are.
python3 - "$section" <<'PY'
import pathlib, re, sys
section = pathlib.Path(sys.argv[1]).read_text()
target = pathlib.Path("BENCHMARKS.md")
text = target.read_text() if target.exists() else "# Benchmarks\n"
pattern = re.compile(r"^## Stub server\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda _: section + "\n", text)
else:
    text = text.rstrip("\n") + "\n\n" + section
target.write_text(text)
PY
echo "Wrote the Stub server section of BENCHMARKS.md"
