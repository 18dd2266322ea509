#!/usr/bin/env bash
# `mastui serve --demo` over SSH with the real ssh client in tmux: the first line names
# the port; a session shows the TUI at its pane's size and follows a resize; an M101
# search, five thumbnails queued, and the client killed mid-queue: the files still land
# in --dir; a key not in the file and a session without a terminal are refused; SIGTERM
# tells a connected session, the client exits and the server ends (128+15).
source "$(dirname "$0")/../lib.sh"
for c in tmux ssh ssh-keygen; do command -v "$c" >/dev/null || fail "$c is not installed"; done
ssh-keygen -q -t ed25519 -N "" -f "$WORK/id" >/dev/null
ssh-keygen -q -t ed25519 -N "" -f "$WORK/stranger" >/dev/null
cp "$WORK/id.pub" "$WORK/authorized_keys"
"$BIN" serve --demo --listen 127.0.0.1:0 --host-key "$WORK/hostkey" --authorized-keys "$WORK/authorized_keys" \
  --dir "$WORK/dl" > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVE_PID=$!
SIM_PID=$SERVE_PID # cleanup kills it whatever happens
for _ in $(seq 1 300); do grep -q "listening on" "$WORK/serve.out" 2>/dev/null && break; sleep 0.05; done
first=$(head -1 "$WORK/serve.out")
case "$first" in "listening on ssh://127.0.0.1:"*) ;; *) fail "serve first line: $first $(cat "$WORK/serve.err")" ;; esac
PORT=${first##*:}
[ "$(stat -c %a "$WORK/hostkey")" = 600 ] || fail "host key mode $(stat -c %a "$WORK/hostkey")"
ok "serving on port $PORT, host key 0600"
SSH=(ssh -p "$PORT" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR
  -o IdentitiesOnly=yes -o BatchMode=yes -o PreferredAuthentications=publickey,password,keyboard-interactive)

if "${SSH[@]}" -i "$WORK/stranger" 127.0.0.1 true 2> "$WORK/stranger.err"; then fail "a key not in the file logged in"; fi
grep -q "Permission denied (publickey)" "$WORK/stranger.err" || fail "stranger: $(cat "$WORK/stranger.err")"
ok "a key not in authorized_keys is refused; publickey is the only method offered"
"${SSH[@]}" -T -i "$WORK/id" 127.0.0.1 > "$WORK/nopty.out" 2>&1 && fail "a session without a terminal ran"
grep -q "Requires an active PTY" "$WORK/nopty.out" || fail "no PTY: $(cat "$WORK/nopty.out")"
ok "a session without a terminal is told and closed"

tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "exec ${SSH[*]} -tt -i $WORK/id 127.0.0.1"
wait_for "Search observations" 150
tmux -L "$SOCK" resize-window -t app -x 50 -y 12
wait_for "have 50×12"
tmux -L "$SOCK" resize-window -t app -x 120 -y 36
wait_for "Search observations"
ok "the TUI over SSH, resized with its pane"
tmux -L "$SOCK" send-keys -t app 'M101' Enter
wait_for "[0-9]+ observations " 150
wait_for "^.{2,3}(HST|JWST|GALEX|SWIFT) " 50
tmux -L "$SOCK" send-keys -t app Enter
wait_for "[0-9]+ products" 100
tmux -L "$SOCK" send-keys -t app /
wait_for "enter apply" 50
tmux -L "$SOCK" send-keys -t app thumb
wait_for "name: thumb" 50
tmux -L "$SOCK" send-keys -t app Enter
wait_for "[0-9]+ shown of" 50
tmux -L "$SOCK" send-keys -t app a
wait_for "[0-9]+ selected" 50
tmux -L "$SOCK" send-keys -t app D
wait_for "[0-9]+ files?, .* queued" 50
queued=$(grep -Eo "[0-9]+ files?, [^q]* queued" "$WORK/pane.txt" | grep -Eo "^[0-9]+")
kill -KILL "$(tmux -L "$SOCK" display -p -t app '#{pane_pid}')" || fail "no ssh client to kill"
session_gone || true
ok "$queued thumbnails queued, then the ssh client killed"
for _ in $(seq 1 300); do
  [ "$(find "$WORK/dl/mastDownload" -type f ! -name '*.part' 2>/dev/null | wc -l)" -ge "$queued" ] && break
  sleep 0.1
done
files=$(find "$WORK/dl/mastDownload" -type f -name '*_thumb.jpg' 2>/dev/null | wc -l)
[ "$files" -eq "$queued" ] || fail "$files of $queued files on disk after the client was killed"
ok "the $queued files landed in --dir after the client was killed"

tmux -L "$SOCK" new-session -d -s app -x 100 -y 30 "${SSH[*]} -tt -i $WORK/id 127.0.0.1; echo client exited $?; sleep 60"
wait_for "Search observations" 150
kill -TERM "$SERVE_PID"
wait_for "the server is shutting down" 100
wait_for "client exited" 100
status=0
wait "$SERVE_PID" || status=$?
[ "$status" -eq 143 ] || fail "serve exited with $status after SIGTERM, want 143: $(cat "$WORK/serve.err")"
SIM_PID=""
grep -q "ssh session started.*key=SHA256:" "$XDG_STATE_HOME/mastui/mastui.log" || fail "sessions not logged with their key fingerprint"
[ -s "$WORK/serve.err" ] && fail "serve wrote to its terminal: $(cat "$WORK/serve.err")"
ok "SIGTERM told the session, the client exited, serve ended (143); logs in the log file only"
