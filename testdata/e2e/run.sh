#!/usr/bin/env bash
# End-to-end tests of the real binary, as a person would use it:
#  1. CLI: `mastui sim` in the background, then `mastui query object M101 --mast-url URL --format csv`.
#  2. TUI: `mastui --demo` in tmux: criteria with a live count, M101 → observation rows →
#     products → queue → the queue panel reaching done with the files on disk, column
#     choice persisted across a restart, and the Missions tab (jwst search → products →
#     two queued → complete on disk), and the Catalogs tab (--tab catalogs: TIC around M10,
#     sorted by Tmag, details of the brightest star).
#  3. The terminal going away (tmux kill-session under make, as `make demo` runs it) and
#     kill -TERM / -HUP end the TUI; a new TUI then opens the queue (lock released).
set -euo pipefail
BIN=$(realpath "${1:-bin/mastui}")
WORK=$(mktemp -d)
SOCK="mastui-e2e-$$"
export XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config" MASTUI_CONFIG="$WORK/none.json"
SIM_PID=""
cleanup() {
  [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null || true
  tmux -L "$SOCK" kill-server 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# A failure keeps what a person needs to see why: the screen, the logs and the files,
# copied to $RESULTS (test-results/e2e by default) before the work dir goes.
RESULTS=${RESULTS:-test-results}/e2e
fail() {
  echo "E2E FAIL: $*" >&2
  [ -f "$WORK/pane.txt" ] && { echo "--- last screen ---" >&2; cat "$WORK/pane.txt" >&2; }
  [ -f "$XDG_STATE_HOME/mastui/mastui.log" ] && { echo "--- log ---" >&2; tail -20 "$XDG_STATE_HOME/mastui/mastui.log" >&2; }
  rm -rf "$RESULTS" && mkdir -p "$RESULTS" && cp -r "$WORK"/. "$RESULTS"/ 2>/dev/null
  echo "$*" > "$RESULTS/FAILED"
  echo "e2e: the work dir (screens, logs, downloads) is kept in $RESULTS" >&2
  exit 1
}

# --- 1. CLI against a simulator process ---------------------------------------------
"$BIN" sim --listen 127.0.0.1:0 > "$WORK/sim.out" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 100); do grep -q "listening on" "$WORK/sim.out" 2>/dev/null && break; sleep 0.05; done
first=$(head -1 "$WORK/sim.out")
case "$first" in "listening on http://"*) ;; *) fail "sim first line: $first" ;; esac
URL=${first##* }
"$BIN" query object M101 --mast-url "$URL" --format csv > "$WORK/m101.csv" || fail "query object M101 exited non-zero"
head -1 "$WORK/m101.csv" | grep -q "obs_collection" || fail "csv header lacks obs_collection"
rows=$(($(wc -l < "$WORK/m101.csv") - 1))
[ "$rows" -gt 10 ] || fail "expected M101 rows, got $rows"
grep -q "M101" "$WORK/m101.csv" || fail "no M101 target rows in csv"
echo "ok  cli: query object M101 --format csv: $rows rows"
n=$("$BIN" query object M101 --mast-url "$URL" --count) || fail "--count failed"
[ "$n" = "$rows" ] || fail "--count says $n, csv has $rows rows"
echo "ok  cli: --count agrees ($n)"
if "$BIN" query region "999 12" --mast-url "$URL" 2> "$WORK/err.txt"; then fail "bad coordinates accepted"; fi
grep -qi "ra" "$WORK/err.txt" || fail "bad coordinates message: $(cat "$WORK/err.txt")"
echo "ok  cli: bad coordinates rejected: $(head -1 "$WORK/err.txt")"
code=0; "$BIN" query region "999 12" --mast-url "$URL" 2>/dev/null || code=$?
[ "$code" -eq 2 ] || fail "bad coordinates exit $code, want 2 (a bad command line)"
code=0; "$BIN" resolve NoSuchObject123 --mast-url "$URL" 2>/dev/null || code=$?
[ "$code" -eq 1 ] || fail "an unresolvable name exits $code, want 1"
code=0; "$BIN" qurey object M101 2> "$WORK/err.txt" || code=$?
[ "$code" -eq 2 ] || fail "an unknown command exits $code, want 2"
grep -q 'did you mean "query"' "$WORK/err.txt" || fail "unknown command message: $(cat "$WORK/err.txt")"
"$BIN" mission search --help > "$WORK/help.txt" || fail "mission search --help exited non-zero"
grep -q -- "--coordinates" "$WORK/help.txt" || fail "mission search --help lacks its flags"
"$BIN" completion bash | grep -q "__start_mastui" || fail "completion bash gives no script"
echo "ok  cli: exit statuses 1 and 2, --help, completion"
kill "$SIM_PID"; SIM_PID=""

# --- 1b. a real MAST client (astroquery) against the simulator ----------------------
if /usr/bin/python3 -c 'import astroquery.mast' 2>/dev/null; then
  /usr/bin/python3 "$(dirname "$0")/astroquery_check.py" "$BIN" 2>&1 | grep -v '^Downloading URL' || fail "astroquery against mastui sim"
else
  echo "skip astroquery check (apt-get install python3-astroquery to run it)"
fi

# --- 2. TUI in tmux on the embedded demo archive ------------------------------------
command -v tmux >/dev/null || fail "tmux is not installed"
wait_for() { # wait_for TEXT [tries]
  for _ in $(seq 1 "${2:-100}"); do
    tmux -L "$SOCK" capture-pane -p -t app > "$WORK/pane.txt" 2>/dev/null || true
    grep -Eq -- "$1" "$WORK/pane.txt" && return 0
    sleep 0.1
  done
  fail "timed out waiting for: $1"
}
tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "$BIN --demo --dir $WORK/dl"
wait_for "Target"
tmux -L "$SOCK" send-keys -t app Tab Tab Tab Tab 'NIRCAM*'   # the Instrument criterion
wait_for "≈ [0-9,]+ observations match" 100
echo "ok  tui: live count for a criterion: $(grep -Eo '≈ [0-9,]+ observations match' "$WORK/pane.txt")"
tmux -L "$SOCK" send-keys -t app Enter
wait_for "[0-9] observations" 150
wait_for "NIRCAM" 50
echo "ok  tui: criteria search lists NIRCAM observations"
tmux -L "$SOCK" send-keys -t app /
wait_for "Search observations" 50
tmux -L "$SOCK" send-keys -t app C-r
sleep 0.3
tmux -L "$SOCK" send-keys -t app 'M101' Enter
wait_for "M101 → 210\.80" 150   # the results header, not the form's title
wait_for "^.{2,3}(HST|JWST|GALEX|SWIFT) " 50
echo "ok  tui: M101 search lists observations"
tmux -L "$SOCK" send-keys -t app Enter                 # products of the observation under the cursor
wait_for "Products of " 100
wait_for "_(i2d|cal|uncal|drz|flt)\.fits" 100
tmux -L "$SOCK" send-keys -t app a
tmux -L "$SOCK" send-keys -t app D
wait_for "[0-9]+ files?, .* queued" 50
queued=$(grep -Eo "[0-9]+ files?, [^q]* queued" "$WORK/pane.txt" | grep -Eo "^[0-9]+")
echo "ok  tui: products listed, selected and queued ($queued files)"
tmux -L "$SOCK" send-keys -t app w                     # the queue panel: watch them finish
wait_for "Queue +0 active · 0 waiting · $queued done" 300
files=$(find "$WORK/dl/mastDownload" -type f ! -name '*.part' | wc -l)
parts=$(find "$WORK/dl" -name '*.part' | wc -l)
[ "$files" -eq "$queued" ] && [ "$parts" -eq 0 ] || fail "$files files and $parts .part on disk, $queued queued"
head -c 9 "$(find "$WORK/dl/mastDownload" -name '*.fits' | head -1)" | grep -q "SIMPLE  =" || fail "a downloaded .fits is not FITS"
echo "ok  tui: queue panel shows $queued done; files on disk under mastDownload/"
tmux -L "$SOCK" send-keys -t app Escape
wait_for "Products of " 50
tmux -L "$SOCK" send-keys -t app Escape
wait_for "[0-9] observations" 50
tmux -L "$SOCK" send-keys -t app c                     # column chooser: hide the 2nd column, apply
wait_for "Columns of observations" 50
tmux -L "$SOCK" send-keys -t app j ' ' Enter
for _ in $(seq 1 50); do grep -q '"observations"' "$MASTUI_CONFIG" 2>/dev/null && break; sleep 0.1; done
grep -q '"observations"' "$MASTUI_CONFIG" || fail "column choice not saved to $MASTUI_CONFIG"
grep -q '"instrument_name"' "$MASTUI_CONFIG" && fail "hidden column still listed in the saved choice"
echo "ok  tui: column choice saved to the config file"
tmux -L "$SOCK" send-keys -t app '?'
wait_for "quit"
tmux -L "$SOCK" send-keys -t app '?'
tmux -L "$SOCK" resize-window -t app -x 40 -y 10
wait_for "too small"
echo "ok  tui: help overlay and too-small screen"
tmux -L "$SOCK" resize-window -t app -x 120 -y 36
tmux -L "$SOCK" send-keys -t app q
for _ in $(seq 1 50); do tmux -L "$SOCK" has-session -t app 2>/dev/null || break; sleep 0.1; done
tmux -L "$SOCK" has-session -t app 2>/dev/null && fail "q did not quit"
echo "ok  tui: q quits"
tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "$BIN --demo --dir $WORK/dl"   # the choice survives a restart
wait_for "Target"
tmux -L "$SOCK" send-keys -t app 'M101' Enter
wait_for "1 hidden" 150
grep -q "instrument_name" "$WORK/pane.txt" && fail "hidden column shown after restart"
echo "ok  tui: column choice restored after restart"
# Missions tab: pick jwst, search, open the products of a public dataset, queue two.
tmux -L "$SOCK" send-keys -t app C-t
wait_for "queryable hst columns" 100
tmux -L "$SOCK" send-keys -t app Right
wait_for "queryable jwst columns" 100
tmux -L "$SOCK" send-keys -t app Tab 'NGC 628'
wait_for "4 datasets match" 100
echo "ok  tui: mission form shows the live total (4 datasets match)"
tmux -L "$SOCK" send-keys -t app Enter
wait_for "4 datasets +jwst · NGC 628" 150
tmux -L "$SOCK" send-keys -t app j Enter               # jw03113…, a public dataset
wait_for "Products of jw03113001001_02101_00001_nrca2" 100
wait_for "Access" 100
wait_for "jw03113001001_02101_00001_nrca2_[a-z]+\.fits" 50
tmux -L "$SOCK" send-keys -t app ' ' ' ' D
wait_for "2 files, .* queued" 50
echo "ok  tui: jwst products listed with the mission filter panel, two queued"
tmux -L "$SOCK" send-keys -t app w
wait_for "Queue +0 active · 0 waiting · [0-9]+ done" 300
ds="$WORK/dl/mastDownload/jwst/jw03113001001_02101_00001_nrca2"
n=$(find "$ds" -type f ! -name '*.part' 2>/dev/null | wc -l)
[ "$n" -eq 2 ] || fail "$n files in $ds, want 2"
for f in "$ds"/*.fits; do head -c 9 "$f" | grep -q "SIMPLE  =" || fail "$f is not FITS"; done
echo "ok  tui: the two jwst products completed under mastDownload/jwst/<fileset>/"
tmux -L "$SOCK" send-keys -t app q
for _ in $(seq 1 50); do tmux -L "$SOCK" has-session -t app 2>/dev/null || break; sleep 0.1; done
# Catalogs tab (--tab catalogs): TIC around M10 r 0.02, sorted by Tmag, details of a star.
tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "$BIN --demo --tab catalogs --dir $WORK/dl"
wait_for "Catalog +\[HSC\]" 100
tmux -L "$SOCK" send-keys -t app Right Right Right
wait_for "Catalog .*\[TIC\]" 50
tmux -L "$SOCK" send-keys -t app Tab 'M10' Tab '0.02'
wait_for "→ 254\.287710 -4\.100310 \(SIMBAD\)" 100
wait_for "≈ 476 rows match" 100
echo "ok  tui: catalog form resolves M10 and counts 476 TIC rows"
tmux -L "$SOCK" send-keys -t app Enter
wait_for "476 rows +TIC around M10 r 0\.02°" 150
tmux -L "$SOCK" send-keys -t app l l l o
wait_for "sorted by Tmag ↑" 50
wait_for "^▸ +1585937858 +254\.29[0-9]+ +-4\.09[0-9]+ +7\.708 " 50   # the brightest star first
tmux -L "$SOCK" send-keys -t app d
wait_for "details · 1585937858" 50
wait_for "GAIA +3245138201502688934 +Gaia DR2 identifier" 50          # a 64-bit id, exact
echo "ok  tui: TIC rows sorted by Tmag; details of the brightest star"
tmux -L "$SOCK" send-keys -t app q
for _ in $(seq 1 50); do tmux -L "$SOCK" has-session -t app 2>/dev/null || break; sleep 0.1; done

# --- 3. the terminal goes away: the TUI ends, its queue unlocked ------------------------
tui_pid() { # the mastui process of this run (by its unique --dir)
  pgrep -f "^$BIN --demo --dir $WORK/dl" | head -1
}
wait_gone() { # wait_gone PID WHAT: gone (or a zombie nobody reaped yet) within 30 s
  for _ in $(seq 1 300); do
    st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)
    [ -z "$st" ] || [ "$st" = Z ] && return 0
    sleep 0.1
  done
  kill -9 "$1" 2>/dev/null || true
  fail "$2: mastui (pid $1) still running 30 s later"
}
queue_opens() { # a new TUI opens the queue panel: the journal lock was released
  tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "$BIN --demo --dir $WORK/dl"
  wait_for "Target"
  tmux -L "$SOCK" send-keys -t app C-t C-t C-t         # Observations → Missions → Catalogs → Queue
  wait_for "Queue +[0-9]+ active" 100
  grep -q "unavailable" "$WORK/pane.txt" && fail "$1: the next TUI cannot open the queue"
  tmux -L "$SOCK" send-keys -t app q
  for _ in $(seq 1 50); do tmux -L "$SOCK" has-session -t app 2>/dev/null || break; sleep 0.1; done
}
# As `make demo` runs it: make between the terminal and mastui, which gets no SIGHUP
# when the terminal closes, only the end of its input.
printf 'demo:\n\t%s --demo --dir %s\n' "$BIN" "$WORK/dl" > "$WORK/Makefile"
tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "make -s -f $WORK/Makefile demo"
wait_for "Target"
pid=$(tui_pid); [ -n "$pid" ] || fail "no mastui process under make"
tmux -L "$SOCK" kill-session -t app
wait_gone "$pid" "tmux kill-session under make"
queue_opens "after kill-session"
echo "ok  tui: tmux kill-session under make ends mastui; the next TUI opens the queue"
for sig in TERM HUP; do
  tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "$BIN --demo --dir $WORK/dl"
  wait_for "Target"
  pid=$(tui_pid); [ -n "$pid" ] || fail "no mastui process"
  kill -s "$sig" "$pid"
  wait_gone "$pid" "kill -s $sig"
  for _ in $(seq 1 50); do tmux -L "$SOCK" has-session -t app 2>/dev/null || break; sleep 0.1; done
  queue_opens "after kill -s $sig"
  echo "ok  tui: kill -s $sig ends mastui; the next TUI opens the queue"
done
echo "e2e: all passed"
