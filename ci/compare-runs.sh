#!/usr/bin/env bash
# Run comparison: compares the current run's results with a baseline run's, such as the last
# successful CI build's, and exits with the outcome, so any CI system can flag a regression.
#
# Usage: ci/compare-runs.sh BASELINE_JSON [CURRENT_JSON] [--threshold-flag=VALUE ...]
#   BASELINE_JSON  the baseline's results file
#   CURRENT_JSON   the current results file; default gatling-results/reports/latest_results.json
#                  in the project folder. Relative paths are taken from the current folder.
#   --...=VALUE    regression thresholds, passed to CompareMain; see its --help
#
# Exit codes: 0 no regression, 1 warnings, 2 regression or an unusable input.
# Standard output: the comparison table, then RESULT=, EXIT_CODE= and REASON= lines.
#
# Environment:
#   SHOTLOAD_COMPARE_CLASSPATH  runs io.shotload.cli.CompareMain with `java -cp` on this class path
#                               instead of through Maven (faster, for tests and prepared agents)
#   JAVA_HOME                   the JDK for `java -cp`; default: java on the PATH
#   MVN                         the Maven command; default: mvn
set -u

if [ $# -lt 1 ]; then
    echo "Usage: $0 BASELINE_JSON [CURRENT_JSON] [--threshold-flag=VALUE ...]; expected a baseline results file." >&2
    exit 2
fi

project_dir="$(cd "$(dirname "$0")/.." && pwd)"
absolute() {
    case "$1" in
        /*) printf '%s\n' "$1" ;;
        *) printf '%s\n' "$PWD/$1" ;;
    esac
}
baseline="$(absolute "$1")"
shift
current="$project_dir/gatling-results/reports/latest_results.json"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
    current="$(absolute "$1")"
    shift
fi
for option in "$@"; do
    case "$option" in
        --*=*) ;;
        *)
            echo "Invalid option \"$option\"; expected --threshold-flag=VALUE, such as --p95-increase-warning-percent=30." >&2
            exit 2
            ;;
    esac
done

# shellcheck source=ci/lib/run-main.sh
. "$project_dir/ci/lib/run-main.sh"
run_main io.shotload.cli.CompareMain compare "${SHOTLOAD_COMPARE_CLASSPATH:-}" "$baseline" "$current" "$@"
printf '%s\n' "$output"

# Maven and the JVM exit with 1 when they fail, which would read as "warnings". The exit status
# counts only when CompareMain printed the same code, so a comparison that did not run fails.
reported="$(printf '%s\n' "$output" | sed -n 's/^EXIT_CODE=\([0-2]\)$/\1/p' | tail -n 1)"
if [ -z "$reported" ]; then
    echo "Run comparison: CompareMain did not run to the end (exit status $status); see the messages above." >&2
    echo "RESULT=regression"
    echo "EXIT_CODE=2"
    echo "REASON=The comparison did not run to the end (exit status $status); see the build log"
    exit 2
fi
if [ "$reported" != "$status" ]; then
    echo "Run comparison: CompareMain reported exit code $reported but exited with $status; treating it as a regression." >&2
    exit 2
fi
exit "$status"
