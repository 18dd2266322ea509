#!/usr/bin/env bash
# The TUI ends cleanly every time it is told to: kill -TERM (20 runs: it used to hang
# about one run in five), -HUP and -INT exit with 128 + the signal, the terminal's line
# settings restored and the alternate screen left; the terminal going away (tmux
# kill-session: SIGHUP for a session leader, the end of input under make or with SIGHUP
# ignored as under nohup) ends it too. After every run the download journal is unlocked
# and keeps its queue, and a new TUI opens the queue panel.
source "$(dirname "$0")/../lib.sh"
# Downloads in the process itself (the fallback, download_service off): this scenario
# checks that process's journal and lock; 70-service checks the download service.
export MASTUI_DOWNLOAD_SERVICE=off
for c in tmux perl flock stty; do command -v "$c" >/dev/null || fail "$c is not installed"; done
start_sim

# A queue to flush and a lock to release at every exit: the downloads of an
# exclusive-access observation, held as login-required (no token).
id=$("$BIN" query criteria obs_collection=HST dataRights=EXCLUSIVE_ACCESS --mast-url "$URL" --format csv --columns obsid | sed -n 2p)
[ -n "$id" ] || fail "no exclusive-access HST observation"
if "$BIN" download "$id" --mast-url "$URL" --dir "$WORK/seed" --filter 'size=<5MB' --filter extension=fits 2> "$WORK/seed.err"; then
  fail "exclusive-access files downloaded without a token"
fi
seeded=$(grep -Eo '[0-9]+ need a login' "$WORK/seed.err" | grep -Eo '^[0-9]+' || true)
[ "${seeded:-0}" -gt 0 ] || fail "no login-required downloads in the queue: $(tail -2 "$WORK/seed.err")"

tui_pid() { # the mastui process of this run (by its unique --dir)
  pgrep -f "^$BIN $1 --dir $WORK/dl" | head -1
}
queue_opens() { # a new TUI opens the queue panel: the journal lock was released
  tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "$BIN --demo --tab queue --dir $WORK/dl"
  wait_for "Queue +[0-9]+ active" 100
  grep -q "unavailable" "$WORK/pane.txt" && fail "$1: the next TUI cannot open the queue"
  tmux -L "$SOCK" send-keys -t app q
  session_gone || fail "$1: q did not quit the next TUI"
}

# 1. Signals. The pane's shell records the line settings before and after the program,
# and perl its exact status (an exit status, or the signal that killed it); the dead pane
# stays (remain-on-exit) so that tmux can tell whether the alternate screen was left.
cat > "$WORK/wrap.sh" <<'WRAP'
out=$1; shift
stty -g > "$out.before"
perl -e '$f = shift; system(@ARGV); open(my $o, ">", $f) or die "$f: $!";
  print $o ($? & 127 ? "signal " . ($? & 127) : $? >> 8)' "$out.tmp" "$@"
stty -g > "$out.after"
mv "$out.tmp" "$out.status"
WRAP
signal_run() { # signal_run SIGNAL NUMBER WHAT
  local sig=$1 num=$2 what=$3 run="$WORK/run" pid status alt
  rm -f "$run".*
  tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 \
    "sh $WORK/wrap.sh $run $BIN --mast-url $URL --dir $WORK/dl" \; set-option -w -t app remain-on-exit on
  wait_for "Target"
  pid=$(tui_pid "--mast-url $URL"); [ -n "$pid" ] || fail "$what: no mastui process"
  kill -s "$sig" "$pid"
  wait_gone "$pid" "$what"
  for _ in $(seq 1 100); do [ -f "$run.status" ] && break; sleep 0.05; done
  status=$(cat "$run.status" 2>/dev/null) || fail "$what: the pane's shell never reported a status"
  [ "$status" = "$((128 + num))" ] || fail "$what: exit status '$status', want $((128 + num)) (128 + the signal, as a shell reports it)"
  cmp -s "$run.before" "$run.after" || fail "$what: terminal left in another mode: stty -g $(cat "$run.after"), was $(cat "$run.before")"
  for _ in $(seq 1 100); do
    alt=$(tmux -L "$SOCK" display-message -p -t app '#{alternate_on}')
    [ "$alt" = 0 ] && break
    sleep 0.05
  done
  [ "$alt" = 0 ] || fail "$what: the alternate screen was not left"
  queue_unlocked "$what"
  tmux -L "$SOCK" kill-session -t app
}
for i in $(seq 1 20); do signal_run TERM 15 "kill -TERM, run $i"; done   # enough to catch a one-in-five race
ok "kill -TERM ends the TUI with status 143, terminal restored, queue unlocked (20 runs)"
for i in 1 2; do signal_run HUP 1 "kill -HUP, run $i"; done
ok "kill -HUP ends the TUI with status 129, terminal restored, queue unlocked"
for i in 1 2; do signal_run INT 2 "kill -INT, run $i"; done
ok "kill -INT ends the TUI with status 130, terminal restored, queue unlocked"

# 2. The terminal goes away (tmux kill-session closes it): SIGHUP when mastui is the
# session leader, the end of its input when SIGHUP is ignored (nohup) ...
for c in "exec|hangup (SIGHUP)" 'trap "" HUP; exec|hangup with SIGHUP ignored (end of input)'; do
  tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "${c%%|*} $BIN --mast-url $URL --dir $WORK/dl"
  wait_for "Target"
  pid=$(tui_pid "--mast-url $URL"); [ -n "$pid" ] || fail "${c#*|}: no mastui process"
  tmux -L "$SOCK" kill-session -t app
  wait_gone "$pid" "${c#*|}"
  queue_unlocked "${c#*|}"
  ok "${c#*|} ends the TUI; queue unlocked"
done
# ... and as `make demo` runs it: make between the terminal and mastui, which gets no
# SIGHUP when the terminal closes, only the end of its input.
printf 'demo:\n\t%s --demo --dir %s\n' "$BIN" "$WORK/dl" > "$WORK/Makefile"
tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "make -s -f $WORK/Makefile demo"
wait_for "Target"
pid=$(tui_pid --demo); [ -n "$pid" ] || fail "no mastui process under make"
tmux -L "$SOCK" kill-session -t app
wait_gone "$pid" "tmux kill-session under make"
queue_unlocked "tmux kill-session under make"
queue_opens "after kill-session"
ok "tmux kill-session under make ends mastui; the next TUI opens the queue"
for sig in TERM HUP; do
  tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "$BIN --demo --dir $WORK/dl"
  wait_for "Target"
  pid=$(tui_pid --demo); [ -n "$pid" ] || fail "no mastui process"
  kill -s "$sig" "$pid"
  wait_gone "$pid" "kill -s $sig"
  session_gone || fail "kill -s $sig: the tmux session outlived mastui"
  queue_opens "after kill -s $sig"
  ok "kill -s $sig ends the demo TUI; the next TUI opens the queue"
done

# Every run left the queue as it found it: the held downloads are all still there.
"$BIN" download --clear-failed 2> "$WORK/clear.err" || fail "clear-failed: $(cat "$WORK/clear.err")"
grep -Eq "^$seeded failed downloads? cleared" "$WORK/clear.err" || fail "the queue lost failed downloads: $(cat "$WORK/clear.err"), $seeded seeded"
ok "the queue kept its $seeded login-required downloads through every run"
