#!/usr/bin/env bash
# Runs the README's test command on a machine kept busy on purpose, as CI's shared machine can be: BUSY_LOOPS
# processes that spin without pause (default: twice the cores, so at least twice oversubscribed with the tests on
# top), for ROUNDS rounds in a row (default 3). Stops at the first failing round. Prints each round's wall time and
# writes them to out/test-reports/run-under-load.txt.
#
#   bash tests/run-under-load.sh            # 3 rounds under 2 x nproc busy loops
#   ROUNDS=1 BUSY_LOOPS=0 bash tests/run-under-load.sh   # one idle round, for the idle wall time
#
# The busy loops are stopped whatever happens (failure, Ctrl+C), and the round's own processes are left to the test
# command, which stops what it starts.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${ROUNDS:-3}
busy_loops=${BUSY_LOOPS:-$(( 2 * $(nproc) ))}
report=out/test-reports/run-under-load.txt
mkdir -p out/test-reports

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 NO_COLOR=1

busy_pids=()
stop_busy() {
  for pid in "${busy_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait "${busy_pids[@]}" 2>/dev/null || true
  busy_pids=()
}
trap stop_busy EXIT INT TERM

for ((i = 0; i < busy_loops; i++)); do
  bash -c 'while :; do :; done' &
  busy_pids+=($!)
done

{
  echo "run-under-load: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $busy_loops busy loops, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
} | tee "$report"

dotnet tool restore >/dev/null
for ((round = 1; round <= rounds; round++)); do
  log="out/test-reports/run-under-load-round$round.log"
  started=$(date +%s)
  set +e
  dotnet pwsh -NoProfile -NonInteractive ./build.ps1 -Task Test >"$log" 2>&1
  status=$?
  set -e
  seconds=$(( $(date +%s) - started ))
  # One closing count over xunit and Pester, as .ci/run prints it.
  summary=$(awk '/(Passed|Failed)!  - / { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
                 /^Pester: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped/ { p += $2; f += $4; s += $6 }
                 END { printf "%d passed, %d failed, %d skipped", p, f, s }' "$log")
  line="round $round: exit $status, wall $((seconds / 60))m$((seconds % 60))s; $summary"
  echo "$line" | tee -a "$report"
  if [ "$status" -ne 0 ]; then
    echo "round $round failed; its log: $log" | tee -a "$report"
    grep -nE '\[-\]|Failed [A-Za-z]|^\s+Failed ' "$log" | head -40 || true
    exit "$status"
  fi
done
echo "all $rounds rounds passed" | tee -a "$report"
