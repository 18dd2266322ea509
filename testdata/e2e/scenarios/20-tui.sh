#!/usr/bin/env bash
# The TUI in tmux on the embedded demo archive: criteria with a live count, M101 →
# observation rows → products → queue → the queue panel reaching done with the files on
# disk, column choice persisted across a restart, help and too-small screens, and the
# Missions tab (jwst search → products → two queued → complete on disk), and the Catalogs
# tab (--tab catalogs: TIC around M10, sorted by Tmag, details of the brightest star; the
# advanced view running seed 004's Mast.Jwst.Filtered.Nirspec request).
source "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "$BIN --demo --dir $WORK/dl"
wait_for "Target"
tmux -L "$SOCK" send-keys -t app Tab Tab Tab Tab 'NIRCAM*'   # the Instrument criterion
wait_for "≈ [0-9,]+ observations match" 100
ok "live count for a criterion: $(grep -Eo '≈ [0-9,]+ observations match' "$WORK/pane.txt")"
tmux -L "$SOCK" send-keys -t app Enter
wait_for "[0-9] observations" 150
wait_for "NIRCAM" 50
ok "criteria search lists NIRCAM observations"
tmux -L "$SOCK" send-keys -t app /
wait_for "Search observations" 50
tmux -L "$SOCK" send-keys -t app C-r
sleep 0.3
tmux -L "$SOCK" send-keys -t app 'M101' Enter
wait_for "M101 → 210\.80" 150   # the results header, not the form's title
wait_for "^.{2,3}(HST|JWST|GALEX|SWIFT) " 50
ok "M101 search lists observations"
tmux -L "$SOCK" send-keys -t app Enter                 # products of the observation under the cursor
wait_for "Products of " 100
wait_for "_(i2d|cal|uncal|drz|flt)\.fits" 100
tmux -L "$SOCK" send-keys -t app a
tmux -L "$SOCK" send-keys -t app D
wait_for "[0-9]+ files?, .* queued" 50
queued=$(grep -Eo "[0-9]+ files?, [^q]* queued" "$WORK/pane.txt" | grep -Eo "^[0-9]+")
ok "products listed, selected and queued ($queued files)"
tmux -L "$SOCK" send-keys -t app w                     # the queue panel: watch them finish
wait_for "Queue +0 active · 0 waiting · $queued done" 300
files=$(find "$WORK/dl/mastDownload" -type f ! -name '*.part' | wc -l)
parts=$(find "$WORK/dl" -name '*.part' | wc -l)
[ "$files" -eq "$queued" ] && [ "$parts" -eq 0 ] || fail "$files files and $parts .part on disk, $queued queued"
head -c 9 "$(find "$WORK/dl/mastDownload" -name '*.fits' | head -1)" | grep -q "SIMPLE  =" || fail "a downloaded .fits is not FITS"
ok "queue panel shows $queued done; files on disk under mastDownload/"
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
ok "column choice saved to the config file"
tmux -L "$SOCK" send-keys -t app '?'
wait_for "quit"
tmux -L "$SOCK" send-keys -t app '?'
tmux -L "$SOCK" resize-window -t app -x 40 -y 10
wait_for "too small"
ok "help overlay and too-small screen"
tmux -L "$SOCK" resize-window -t app -x 120 -y 36
tmux -L "$SOCK" send-keys -t app q
for _ in $(seq 1 50); do tmux -L "$SOCK" has-session -t app 2>/dev/null || break; sleep 0.1; done
tmux -L "$SOCK" has-session -t app 2>/dev/null && fail "q did not quit"
ok "q quits"
tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "$BIN --demo --dir $WORK/dl"   # the choice survives a restart
wait_for "Target"
tmux -L "$SOCK" send-keys -t app 'M101' Enter
wait_for "1 hidden" 150
grep -q "instrument_name" "$WORK/pane.txt" && fail "hidden column shown after restart"
ok "column choice restored after restart"
# Missions tab: pick jwst, search, open the products of a public dataset, queue two.
tmux -L "$SOCK" send-keys -t app C-t
wait_for "queryable hst columns" 100
tmux -L "$SOCK" send-keys -t app Right
wait_for "queryable jwst columns" 100
tmux -L "$SOCK" send-keys -t app Tab 'NGC 628'
wait_for "4 datasets match" 100
ok "mission form shows the live total (4 datasets match)"
tmux -L "$SOCK" send-keys -t app Enter
wait_for "4 datasets +jwst · NGC 628" 150
tmux -L "$SOCK" send-keys -t app j Enter               # jw03113…, a public dataset
wait_for "Products of jw03113001001_02101_00001_nrca2" 100
wait_for "Access" 100
wait_for "jw03113001001_02101_00001_nrca2_[a-z]+\.fits" 50
tmux -L "$SOCK" send-keys -t app ' ' ' ' D
wait_for "2 files, .* queued" 50
ok "jwst products listed with the mission filter panel, two queued"
tmux -L "$SOCK" send-keys -t app w
wait_for "Queue +0 active · 0 waiting · [0-9]+ done" 300
ds="$WORK/dl/mastDownload/jwst/jw03113001001_02101_00001_nrca2"
n=$(find "$ds" -type f ! -name '*.part' 2>/dev/null | wc -l)
[ "$n" -eq 2 ] || fail "$n files in $ds, want 2"
for f in "$ds"/*.fits; do head -c 9 "$f" | grep -q "SIMPLE  =" || fail "$f is not FITS"; done
ok "the two jwst products completed under mastDownload/jwst/<fileset>/"
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
ok "catalog form resolves M10 and counts 476 TIC rows"
tmux -L "$SOCK" send-keys -t app Enter
wait_for "476 rows +TIC around M10 r 0\.02 deg" 150
tmux -L "$SOCK" send-keys -t app l l l o
wait_for "sorted by Tmag ↑" 50
wait_for "^▸ +1585937858 +254\.29[0-9]+ +-4\.09[0-9]+ +7\.708 " 50   # the brightest star first
tmux -L "$SOCK" send-keys -t app d
wait_for "details · 1585937858" 50
wait_for "GAIA +3245138201502688934 +Gaia DR2 identifier" 50          # a 64-bit id, exact
ok "TIC rows sorted by Tmag; details of the brightest star"
# The advanced view (ctrl+s): seed 004's Mast.Jwst.Filtered.Nirspec, completed from its
# start, with its example exp_type filter; counted, then listed (files named jw…).
tmux -L "$SOCK" send-keys -t app C-s
wait_for "Params +one JSON object" 50
tmux -L "$SOCK" send-keys -t app 'Mast.Jwst.Filtered.Nirs' Tab
wait_for '"paramName": "exp_type"' 50
wait_for 'NRS_MSASPEC' 50
tmux -L "$SOCK" send-keys -t app C-o
wait_for "≈ [0-9,]+ rows match" 100
counted=$(grep -Eo '≈ [0-9,]+ rows match' "$WORK/pane.txt" | grep -Eo '[0-9,]+')
tmux -L "$SOCK" send-keys -t app C-g
wait_for "^ $counted rows .*Mast\.Jwst\.Filtered\.Nirspec" 150
wait_for "^▸ +jw[0-9]{11}_[0-9]{5}_" 50
ok "advanced view: Mast.Jwst.Filtered.Nirspec with exp_type=NRS_MSASPEC counts and lists $counted files"
tmux -L "$SOCK" send-keys -t app q
for _ in $(seq 1 50); do tmux -L "$SOCK" has-session -t app 2>/dev/null || break; sleep 0.1; done
