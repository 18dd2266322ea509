#!/usr/bin/env bash
# Two programs of one user share the download service: the TUI in one tmux session queues
# products (starting the service), `mastui download` in another downloads while it is
# open; `mastui downloads status` lists both programs' files and the TUI's queue panel
# shows them all; kill -9 of the service mid-queue: the clients restart it and every file
# resumes and completes byte-identical with the archive's (curl), no .part left; the CLI
# still prints its summary and exits 0; `downloads watch --exit-when-done` ends on the
# finished queue; `downloads stop` ends the service; a service outlives the
# `mastui download` that started it (killed -9) and finishes its files.
source "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
start_sim
cli_dir="$WORK/cli" tui_dir="$WORK/tui"
SOCKET="$XDG_RUNTIME_DIR/mastui/downloads.sock"

# service_pid: the download service of this scenario (its environment names our runtime dir).
service_pid() {
  local p
  for p in $(pgrep -f "^$BIN downloads serve" || true); do
    tr '\0' '\n' < "/proc/$p/environ" 2>/dev/null | grep -qx "XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR" && { echo "$p"; return 0; }
  done
  return 1
}

# 1. The TUI (not the demo: the same archive as the CLI) queues a few of an observation's
# products: it starts the service.
tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "$BIN --mast-url $URL --dir $tui_dir"
wait_for "Target"
tmux -L "$SOCK" send-keys -t app 'M101' Enter
wait_for "M101 → 210\.80" 150
wait_for "^.{2,3}(HST|JWST|GALEX|SWIFT) " 50
tmux -L "$SOCK" send-keys -t app Enter
wait_for "Products of " 100
wait_for "_(i2d|cal|uncal|drz|flt)\.fits" 100
tmux -L "$SOCK" send-keys -t app Space Down Space Down Space D   # a few of them
wait_for "[0-9]+ files?, .* queued" 50
grep -q "unavailable" "$WORK/pane.txt" && fail "the TUI has no download queue"
queued=$(grep -Eo "[0-9]+ files?, [^q]* queued" "$WORK/pane.txt" | grep -Eo "^[0-9]+")
for _ in $(seq 1 300); do [ -S "$SOCKET" ] && break; sleep 0.05; done
[ -S "$SOCKET" ] || fail "the TUI started no download service"
[ "$(stat -c %a "$SOCKET")" = 600 ] || fail "socket mode $(stat -c %a "$SOCKET"), want 600"
first=$(service_pid) || fail "no download service process"
ok "the TUI queued $queued files in the download service it started (pid $first), socket 0600"

# 2. `mastui download` of JWST program 1073 in another terminal while the TUI is open, with
# a rate cap (the service's, for every client) so that it lasts a few seconds whatever the load.
obsids=$("$BIN" query criteria obs_collection=JWST proposal_id=1073 --mast-url "$URL" --format csv --columns obsid | sed -n 2,4p | tr '\n' ' ')
tmux -L "$SOCK" new-session -d -s cli -x 120 -y 10 \
  "$BIN download --mast-url $URL --dir $cli_dir --limit-rate 1M --filter 'size=<3MB' --filter guide_stars=false $obsids 2> $WORK/cli.err; echo \$? > $WORK/cli.status"
for _ in $(seq 1 300); do [ -n "$(find "$cli_dir" -type f 2>/dev/null | head -1)" ] && break; sleep 0.05; done

# 3. One queue: the status lists the files of both.
"$BIN" downloads status --format csv > "$WORK/status.csv" || fail "downloads status"
n_cli=$(grep -c ",$cli_dir/" "$WORK/status.csv" || true)
n_tui=$(grep -c ",$tui_dir/" "$WORK/status.csv" || true)
[ "$n_cli" -ge 10 ] && [ "$n_tui" -eq "$queued" ] || fail "status lists $n_cli files of the CLI and $n_tui of the TUI ($queued queued): $(head -3 "$WORK/status.csv")"
ok "downloads status lists both: $n_cli files of mastui download, $n_tui of the TUI"

# 4. kill -9 of the service mid-queue; the clients start a new one, which resumes.
[ -f "$WORK/cli.status" ] && fail "mastui download finished before the kill: $(cat "$WORK/cli.err")"
exec 3>&2 2>/dev/null
kill -9 "$first"
exec 2>&3 3>&-
for _ in $(seq 1 300); do second=$(service_pid) && [ "$second" != "$first" ] && break; sleep 0.1; done
[ -n "${second:-}" ] && [ "$second" != "$first" ] || fail "no new download service after the kill"
ok "killed the service (pid $first) while mastui download ran; the clients started pid $second"
for _ in $(seq 1 600); do [ -f "$WORK/cli.status" ] && break; sleep 0.1; done
[ "$(cat "$WORK/cli.status" 2>/dev/null)" = 0 ] || fail "mastui download: status $(cat "$WORK/cli.status" 2>/dev/null): $(tail -3 "$WORK/cli.err")"
grep -Eq "^$n_cli downloaded, 0 already on disk, 0 failed; manifest: $cli_dir/" "$WORK/cli.err" || fail "CLI summary: $(tail -2 "$WORK/cli.err")"
tmux -L "$SOCK" send-keys -t app w   # the TUI's panel shows the one queue: both programs' files
wait_for "Queue +0 active · 0 waiting · $((n_cli + n_tui)) done" 300
# 5. Every file is the archive's, nothing partial is left.
parts=$(find "$WORK/cli" "$WORK/tui" -name '*.part' | wc -l)
[ "$parts" -eq 0 ] || fail "$parts .part files left"
files=0
while IFS= read -r -d '' f; do
  coll=$(basename "$(dirname "$(dirname "$f")")")
  curl -sf -o "$WORK/archive.bin" "$URL/api/v0.1/Download/file?uri=mast:$coll/product/$(basename "$f")" || fail "curl of $f"
  cmp -s "$f" "$WORK/archive.bin" || fail "$f differs from the archive"
  files=$((files + 1))
done < <(find "$cli_dir/mastDownload" "$tui_dir/mastDownload" -type f -print0)
[ "$files" -eq $((n_cli + n_tui)) ] || fail "$files files on disk, $((n_cli + n_tui)) queued"
ok "after the kill: $files files of both programs complete and identical to the archive"

# 6. watch ends on the finished queue; stop ends the service; the TUI quits cleanly.
timeout 30 "$BIN" downloads watch --exit-when-done > "$WORK/watch.out" || fail "watch --exit-when-done: $(cat "$WORK/watch.out")"
grep -Eq "$files/$files files" "$WORK/watch.out" || fail "watch: $(cat "$WORK/watch.out")"
tmux -L "$SOCK" send-keys -t app q
session_gone || fail "q did not quit the TUI"
"$BIN" downloads stop 2> "$WORK/stop.err" || fail "downloads stop: $(cat "$WORK/stop.err")"
grep -q "stopped" "$WORK/stop.err" || fail "downloads stop: $(cat "$WORK/stop.err")"
wait_gone "$second" "downloads stop"
[ -S "$SOCKET" ] && fail "the socket outlived the service"
queue_unlocked "downloads stop"
ok "watch --exit-when-done ended on the finished queue; downloads stop ended the service and freed the journal"

# 7. The service outlives the command that started it: `mastui download` killed with -9
# (rate-capped so it is still at work), the service finishes its files.
# shellcheck disable=SC2086 # one argument per obsid
"$BIN" download --mast-url "$URL" --dir "$WORK/orphan" --limit-rate 2M --filter 'size=<3MB' --filter guide_stars=false $obsids 2> "$WORK/orphan.err" &
spawner=$!
for _ in $(seq 1 300); do [ -n "$(find "$WORK/orphan" -type f 2>/dev/null | head -1)" ] && break; sleep 0.05; done
exec 3>&2 2>/dev/null
kill -9 "$spawner" || { exec 2>&3; fail "the download ended before the kill: $(tail -2 "$WORK/orphan.err")"; }
wait "$spawner" || true
exec 2>&3 3>&-
third=$(service_pid) || fail "the service went with the mastui download that started it"
timeout 60 "$BIN" downloads watch --exit-when-done > "$WORK/watch2.out" || fail "watch: $(tail -2 "$WORK/watch2.out")"
orphans=$(find "$WORK/orphan/mastDownload" -type f | wc -l)
[ "$orphans" -eq "$n_cli" ] && [ "$(find "$WORK/orphan" -name '*.part' | wc -l)" -eq 0 ] || fail "$orphans of $n_cli files after the spawner's kill"
diff -r "$cli_dir/mastDownload" "$WORK/orphan/mastDownload" > /dev/null || fail "the orphaned download differs from the first one"
ok "the service (pid $third) outlived the mastui download that started it (killed -9) and finished its $orphans files"
