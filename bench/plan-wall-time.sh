#!/usr/bin/env bash
# Times `mvn gatling:test` end to end (build check, Gatling run, reports) for each plan given, default: quick default.
set -euo pipefail
cd "$(dirname "$0")/.."
plans=("$@")
[ "${#plans[@]}" -gt 0 ] || plans=(quick default)
mvn -q -B test-compile
for plan in "${plans[@]}"; do
  start=$(date +%s.%N)
  mvn -q -B gatling:test -Dshotload.plan="$plan" -Dshotload.failOn=never > "target/plan-$plan.log" 2>&1
  end=$(date +%s.%N)
  verdict=$(grep -m1 'Final status' "target/plan-$plan.log" || true)
  printf 'plan=%s wall_seconds=%s %s\n' "$plan" "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')" "$verdict"
done
