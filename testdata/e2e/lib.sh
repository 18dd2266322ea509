# Sourced by every scenario of testdata/e2e/scenarios/, whose first argument is the
# binary. Each scenario gets its own work dir, state, config and runtime dirs and tmux
# server, so scenarios never see each other's queue, lock or download service (which
# cleanup stops). A failure keeps what a person needs
# to see why (the screen, the logs, the files) in $RESULTS/e2e/<scenario>.
set -euo pipefail
BIN=$(realpath "${1:?usage: scenario.sh BINARY}")
SCENARIO=$(basename "$0" .sh)
E2E=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
SOCK="mastui-e2e-$SCENARIO-$$"
export XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" MASTUI_CONFIG="$WORK/none.json"
export XDG_RUNTIME_DIR="$WORK/run"
export MAST_API_TOKEN="" MASTUI_MAST_URL=""
JOURNAL="$XDG_STATE_HOME/mastui/downloads.jsonl"
SIM_PID=""
cleanup() {
  [ -S "$XDG_RUNTIME_DIR/mastui/downloads.sock" ] && timeout 10 "$BIN" downloads stop >/dev/null 2>&1 || true
  [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null || true
  tmux -L "$SOCK" kill-server 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap "exit 143" TERM INT HUP # a timeout or ^C: still clean up
KEEP="${RESULTS:-test-results}/e2e/$SCENARIO"
fail() {
  echo "E2E FAIL ($SCENARIO): $*" >&2
  [ -f "$WORK/pane.txt" ] && { echo "--- last screen ---" >&2; cat "$WORK/pane.txt" >&2; }
  [ -f "$XDG_STATE_HOME/mastui/mastui.log" ] && { echo "--- log ---" >&2; tail -20 "$XDG_STATE_HOME/mastui/mastui.log" >&2; }
  rm -rf "$KEEP" && mkdir -p "$KEEP" && cp -r "$WORK"/. "$KEEP"/ 2>/dev/null
  echo "$*" > "$KEEP/FAILED"
  echo "e2e: the work dir (screens, logs, downloads) is kept in $KEEP" >&2
  exit 1
}
ok() { echo "ok  $SCENARIO: $*"; }

# start_sim [FLAG...]: a simulator process (stdout in sim.out, its log in sim.err); sets
# URL and SIM_PID.
start_sim() {
  "$BIN" sim --listen 127.0.0.1:0 "$@" > "$WORK/sim.out" 2> "$WORK/sim.err" &
  SIM_PID=$!
  for _ in $(seq 1 300); do grep -q "listening on" "$WORK/sim.out" 2>/dev/null && break; sleep 0.05; done
  local first
  first=$(head -1 "$WORK/sim.out")
  case "$first" in "listening on http://"*) ;; *) fail "sim first line: $first $(cat "$WORK/sim.err")" ;; esac
  URL=${first##* }
}

# wait_for TEXT [TRIES]: the screen of tmux session "app" shows TEXT (an ERE).
wait_for() {
  for _ in $(seq 1 "${2:-100}"); do
    tmux -L "$SOCK" capture-pane -p -t app > "$WORK/pane.txt" 2>/dev/null || true
    grep -Eq -- "$1" "$WORK/pane.txt" && return 0
    sleep 0.1
  done
  fail "timed out waiting for: $1"
}

# wait_gone PID WHAT: the process ended (or is a zombie nobody reaped yet) within 30 s;
# the bound only turns a hang into a failure, it times nothing.
wait_gone() {
  local st
  for _ in $(seq 1 300); do
    st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)
    [ -z "$st" ] || [ "$st" = Z ] && return 0
    sleep 0.1
  done
  kill -QUIT "$1" 2>/dev/null || true # its goroutines, on its terminal
  sleep 1
  tmux -L "$SOCK" capture-pane -p -S - -t app > "$WORK/pane.txt" 2>/dev/null || true
  kill -9 "$1" 2>/dev/null || true
  fail "$2: mastui (pid $1) still running 30 s later"
}

# session_gone: tmux session "app" has ended.
session_gone() {
  for _ in $(seq 1 50); do tmux -L "$SOCK" has-session -t app 2>/dev/null || return 0; sleep 0.1; done
  return 1
}

# queue_unlocked WHAT: no process holds the download journal's lock.
queue_unlocked() {
  flock -n "$JOURNAL.lock" true || fail "$1: the download journal is still locked"
}
