#!/usr/bin/env bash
# The Cutouts tab in tmux on the embedded demo archive (mastui --demo --tab cutouts):
# the TESS sectors of 324.24368 -27.01029 (with dates and cadence), two selected and queued with D, the queue
# panel showing the two cutouts done and their files on disk (the zips, or their target
# pixel files once unpacked), then the light curve and header of a finished sector.
source "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
tmux -L "$SOCK" new-session -d -s app -x 120 -y 40 "$BIN --demo --tab cutouts --dir $WORK/dl"
wait_for "No listing yet"
tmux -L "$SOCK" send-keys -t app '324.24368 -27.01029' Enter
wait_for "5 sectors · 324\.24368 -27\.01029 · 5x5 px" 150
wait_for "tess-s0105-1-3" 50
wait_for "1 +1 +3 2018-07-25 → 2018-08-22 30 min" 50
ok "the sectors of 324.24368 -27.01029 are listed, with their dates and cadence"
tmux -L "$SOCK" send-keys -t app Space Space D
wait_for "2 cutouts queued" 50
ok "two sectors selected and queued"
tmux -L "$SOCK" send-keys -t app w
wait_for "Queue +0 active · 0 waiting · 2 done" 300
ok "the queue panel shows the two cutouts done"
for s in 1 27; do
  zip="$WORK/dl/$(printf 'tesscut_s%04d_324.24368_-27.01029_5x5px.zip' "$s")"
  tpf=$(find "$WORK/dl" -name "$(printf 'tess-s%04d-*_astrocut.fits' "$s")" | head -1)
  if [ -f "$zip" ]; then
    head -c 2 "$zip" | grep -q "PK" || fail "$zip is not a zip"
  elif [ -n "$tpf" ]; then
    head -c 9 "$tpf" | grep -q "SIMPLE  =" || fail "$tpf is not FITS"
  else
    fail "no cutout of sector $s in $WORK/dl: $(ls "$WORK/dl")"
  fi
done
[ "$(find "$WORK/dl" -name '*.part' | wc -l)" -eq 0 ] || fail ".part files left in $WORK/dl"
ok "sectors 1 and 27 on disk: $(ls "$WORK/dl" | tr '\n' ' ')"
tmux -L "$SOCK" send-keys -t app Escape
wait_for "5 sectors ·" 50
tmux -L "$SOCK" send-keys -t app g Enter
wait_for "Light curve · summed FLUX of 5x5 px" 100
wait_for "RA_OBJ +324\.24368" 50
ok "sector 1's light curve and header"
tmux -L "$SOCK" send-keys -t app Escape # alone: "Escape q" would read as alt+q
wait_for "5 sectors ·" 50
tmux -L "$SOCK" send-keys -t app q
session_gone || fail "q did not quit"
ok "q quits"
