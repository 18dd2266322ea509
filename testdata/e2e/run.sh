#!/usr/bin/env bash
# End-to-end tests of the real binary, as a person (or a script) uses it. Each scenario
# is a script in scenarios/ (its header says what it checks) run against the binary:
#   10-cli             the CLI against `mastui sim`: CSV, --count, exit statuses, --help,
#                      completion; astroquery against `mastui sim`
#   20-tui             the TUI in tmux: searches, products, the queue, columns, missions
#   30-signals         kill -TERM/-HUP/-INT and a closed terminal end the TUI cleanly
#   40-download-kill9  `mastui download` killed with -9, then --resume
#   50-gc              one-shot commands collect no garbage
#   60-tesscut         `mastui tesscut cutout` against `mastui sim`: target pixel files on disk
#   70-serve           `mastui serve --demo` with ssh in tmux: keys, PTY, resize, a killed
#                      client's downloads completing, SIGTERM telling the session
#   75-service         the TUI and `mastui download` sharing the download service; its kill -9
# Usage: run.sh BINARY [SCENARIO...] (names without the number, e.g. signals; default all).
# Every scenario runs, even after one fails; the work dir of a failed one is kept in
# $RESULTS/e2e/<scenario> (RESULTS defaults to test-results), its output in
# $RESULTS/e2e-logs/<scenario>.log.
set -uo pipefail
BIN=$(realpath "${1:-bin/mastui}")
shift
HERE=$(cd "$(dirname "$0")" && pwd)
export RESULTS=${RESULTS:-test-results}
rm -rf "$RESULTS/e2e"
mkdir -p "$RESULTS/e2e-logs"
# Scenarios are independent (own dirs, sim, tmux server, download service) and mostly
# wait on tmux and the binary, so E2E_JOBS of them (default 2) run at once; each one's
# output is printed whole, in order.
jobs=${E2E_JOBS:-2}
names=()
for s in "$HERE"/scenarios/*.sh; do
  name=$(basename "$s" .sh)
  if [ $# -gt 0 ]; then
    want=""
    for a in "$@"; do [ "${name#*-}" = "$a" ] || [ "$name" = "$a" ] && want=1; done
    [ -n "$want" ] || continue
  fi
  names+=("$name")
done
run_one() { # run_one NAME: its output in e2e-logs/NAME.log, its verdict line last
  local name=$1 start=$SECONDS log="$RESULTS/e2e-logs/$1.log"
  if bash "$HERE/scenarios/$name.sh" "$BIN" >"$log" 2>&1; then
    echo "ok  $name ($((SECONDS - start)) s)" >>"$log"
  else
    echo "FAIL $name ($((SECONDS - start)) s)" >>"$log"
  fi
  touch "$log.done"
}
failed=()
next=0
for i in "${!names[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n 2>/dev/null || true; done
  rm -f "$RESULTS/e2e-logs/${names[$i]}.log.done"
  run_one "${names[$i]}" &
  # print, in order, the scenarios that have ended
  while [ $next -le $i ] && [ -e "$RESULTS/e2e-logs/${names[$next]}.log.done" ]; do
    cat "$RESULTS/e2e-logs/${names[$next]}.log"
    next=$((next + 1))
  done
done
wait
for ((; next < ${#names[@]}; next++)); do cat "$RESULTS/e2e-logs/${names[$next]}.log"; done
for name in "${names[@]}"; do
  tail -1 "$RESULTS/e2e-logs/$name.log" | grep -q "^ok  $name " || failed+=("$name")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "e2e: FAILED: ${failed[*]} ($SECONDS s)"
  exit 1
fi
echo "e2e: all passed ($SECONDS s)"
