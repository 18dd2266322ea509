#!/usr/bin/env bash
# Daily use through the command palette, in tmux on the demo archive: search M101, save the
# search (:save), quit, start again and open it from the palette (ctrl+p, :open), export the
# results as CSV (:export csv), and read the file with astropy.
source "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "$BIN --demo --dir $WORK/dl"
wait_for "Target"
tmux -L "$SOCK" send-keys -t app 'M101' Enter
wait_for "M101 → 210\.80" 150
wait_for "^.{2,3}(HST|JWST|GALEX|SWIFT) " 50
loaded=$(grep -Eo "[0-9,]+ observations" "$WORK/pane.txt" | head -1 | grep -Eo "^[0-9,]+" | tr -d ,)
tmux -L "$SOCK" send-keys -t app ':'
wait_for "help" 50
tmux -L "$SOCK" send-keys -t app 'save m101-e2e' Enter
wait_for "saved m101-e2e" 50
[ -f "$XDG_DATA_HOME/mastui/saved.json" ] || fail "no saved.json in $XDG_DATA_HOME/mastui"
ok "search saved from the palette (:save m101-e2e)"
tmux -L "$SOCK" send-keys -t app q
session_gone || fail "q did not quit"
tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "$BIN --demo --dir $WORK/dl"
wait_for "Target"
tmux -L "$SOCK" send-keys -t app C-p       # from the text field: ctrl+p works anywhere
sleep 0.3
tmux -L "$SOCK" send-keys -t app 'open m101-e2e' Enter
wait_for "M101 → 210\.80" 150
wait_for "^.{2,3}(HST|JWST|GALEX|SWIFT) " 50
ok "after a restart, :open m101-e2e ran the saved search"
tmux -L "$SOCK" send-keys -t app ':'
sleep 0.3
tmux -L "$SOCK" send-keys -t app 'export csv' Enter
wait_for "CSV" 50
tmux -L "$SOCK" send-keys -t app Enter     # the dialog's defaults: all loaded rows, its path
wait_for "written to" 100
csv=$(find "$WORK/dl" -name 'mastui_*.csv' | head -1)
[ -n "$csv" ] || fail "no exported CSV in $WORK/dl"
ok "exported $(basename "$csv") from the palette (:export csv)"
if /usr/bin/python3 -c 'import astropy' 2>/dev/null; then
  rows=$(/usr/bin/python3 -c 'import sys; from astropy.table import Table; t = Table.read(sys.argv[1], format="ascii.csv"); assert "obs_id" in t.colnames, t.colnames; print(len(t))' "$csv") ||
    fail "astropy could not read $csv"
  [ "$rows" -gt 0 ] || fail "astropy read $rows rows from $csv"
  ok "astropy reads $rows rows with obs_id from the CSV ($loaded observations match)"
else
  echo "skip the astropy check (apt-get install python3-astropy to run it)"
fi
tmux -L "$SOCK" send-keys -t app q
session_gone || fail "q did not quit"
