#!/usr/bin/env bash
# Measures the recorder's cost per response (ns) on 1 and 2 threads, in-process, with its sampler running.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
mvn -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.shotload.bench.RecorderBenchmark
