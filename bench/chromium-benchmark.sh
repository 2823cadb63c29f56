#!/usr/bin/env bash
# Measures the chromium backend next to a direct DevTools loop; see bench/ChromiumBenchmark.java.
#
# Usage: bench/chromium-benchmark.sh [harness options], for example
#   bench/chromium-benchmark.sh --seconds 10 --concurrency 1,2,4,8 --modes context,reused_page,loop
# Needs Debian's Chromium (apt-get install -y chromium) and the Maven dependencies in ~/.m2.
# Writes the Markdown table to stdout and to target/bench/chromium-<UTC timestamp>.md.
set -euo pipefail

cd "$(dirname "$0")/.."
if [[ ! -x /usr/bin/chromium ]]; then
  echo "Chromium is not installed at /usr/bin/chromium; run: apt-get install -y chromium" >&2
  exit 2
fi

mvn -q -o compile
mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
classpath="target/classes:$(cat target/bench-classpath.txt)"

mkdir -p target/bench
output="target/bench/chromium-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(chromium --version 2>/dev/null | tail -1)"
  echo "Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  java -Dlogback.configurationFile=bench/logback-bench.xml \
    -cp "$classpath" bench/ChromiumBenchmark.java "$@"
  echo
  echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$output"
