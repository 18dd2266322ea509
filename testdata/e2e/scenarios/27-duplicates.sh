#!/usr/bin/env bash
# The Duplicates tab in tmux on the embedded demo archive (mastui --demo --tab duplicates):
# seed 004's target list read from a file whose name tab completes, every target checked
# (matches grouped by target, the planned one marked), a match's details with the
# target's near misses, its products, and the report exported as markdown.
source "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
mkdir -p "$WORK/dl"
cat > "$WORK/dl/seed004-targets.csv" <<'CSV'
number,aperture,ra,dec,grating,filter,exposure_time
1,MSA,53.13,-27.8,G395H,F290LP,950
2,IFU,68.73091,24.48140,G395H,F290LP,22.749
3,S200B1,5.130,-36.895,G140H,F070LP,1880.22
CSV
tmux -L "$SOCK" new-session -d -s app -x 120 -y 36 "cd $WORK/dl && $BIN --demo --tab duplicates --dir $WORK/dl"
wait_for "No check yet"
tmux -L "$SOCK" send-keys -t app 'seed' Tab
wait_for "\[seed004-targets\.csv"
ok "tab completes the target list's file name"
tmux -L "$SOCK" send-keys -t app Enter
wait_for "3 targets \(seed004-targets\.csv\) · 8 potential duplicates" 150
wait_for "3 of 3 targets" 50
wait_for "jw03215-o902_t001_nirspec_f290lp-g395h +3215 .* planned" 10
wait_for "S200B1 .* 1 potential duplicate · 2 near misses" 10
ok "every target checked, matches grouped by target"
tmux -L "$SOCK" send-keys -t app j Enter
wait_for "Why it matched +NIRSPEC/MSA G395H\+F290LP, 12\.6″ ≤ 180″" 50
wait_for "Near miss +jw01287-o901_t001_nirspec_f290lp-g395h" 10
ok "a match's details: why it matched, the target's near misses"
tmux -L "$SOCK" send-keys -t app Escape
wait_for "3 of 3 targets" 50
tmux -L "$SOCK" send-keys -t app o
wait_for "Products of jw01180-o901_t001_nirspec_f290lp-g395h" 100
ok "o lists the matched observation's products"
tmux -L "$SOCK" send-keys -t app Escape
wait_for "3 of 3 targets" 50
tmux -L "$SOCK" send-keys -t app e
wait_for "report written to" 50
report=$(find "$WORK/dl" -name 'dupcheck-*.md' | head -1)
[ -n "$report" ] || fail "no report in $WORK/dl: $(ls "$WORK/dl")"
grep -q "^## Target 3 S200B1" "$report" || fail "the report lacks target 3: $(head -20 "$report")"
grep -q "APT's duplication checker is the authority" "$report" || fail "the report lacks the reminder"
ok "e exports the report: $(basename "$report")"
tmux -L "$SOCK" send-keys -t app q
session_gone || fail "q did not quit"
ok "q quits"
