#!/usr/bin/env bash
# Performance gate: reads the post-processor's results file and exits with its verdict's code,
# so any CI system can pass, warn or fail a build on it.
#
# Usage: ci/performance-gate.sh [RESULTS_JSON]
#   RESULTS_JSON  a results file; default gatling-results/reports/latest_results.json in the
#                 project folder. A relative path is taken from the current folder.
#
# Exit codes: 0 ready, 1 warnings, 2 critical or no usable results.
# Standard output: VERDICT=, EXIT_CODE=, REASON= and DESCRIPTION= lines, one value per line.
#
# Environment:
#   SHOTLOAD_GATE_CLASSPATH  runs io.shotload.cli.GateMain with `java -cp` on this class path
#                            instead of through Maven (faster, for tests and prepared agents)
#   JAVA_HOME                the JDK for `java -cp`; default: java on the PATH
#   MVN                      the Maven command; default: mvn
set -u

if [ $# -gt 1 ]; then
    echo "Usage: $0 [RESULTS_JSON]; expected at most one argument, got $#." >&2
    exit 2
fi

project_dir="$(cd "$(dirname "$0")/.." && pwd)"
results="${1:-$project_dir/gatling-results/reports/latest_results.json}"
case "$results" in
    /*) ;;
    *) results="$PWD/$results" ;;
esac

# shellcheck source=ci/lib/run-main.sh
. "$project_dir/ci/lib/run-main.sh"
run_main io.shotload.cli.GateMain gate "${SHOTLOAD_GATE_CLASSPATH:-}" "$results"
printf '%s\n' "$output"

# Maven and the JVM also exit with 1 when they fail, which would read as "warnings". The exit
# status counts only when GateMain printed the same code, so a gate that did not run fails.
reported="$(printf '%s\n' "$output" | sed -n 's/^EXIT_CODE=\([0-2]\)$/\1/p' | tail -n 1)"
if [ -z "$reported" ]; then
    echo "Performance gate: GateMain did not run to the end (exit status $status); see the messages above." >&2
    echo "VERDICT=critical"
    echo "EXIT_CODE=2"
    echo "REASON=The gate did not run to the end (exit status $status); see the build log"
    echo "DESCRIPTION=No gate result, verdict: critical"
    exit 2
fi
if [ "$reported" != "$status" ]; then
    echo "Performance gate: GateMain reported exit code $reported but exited with $status; treating it as critical." >&2
    exit 2
fi
exit "$status"
