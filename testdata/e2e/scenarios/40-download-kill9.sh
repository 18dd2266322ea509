#!/usr/bin/env bash
# `mastui download` killed with -9 in the middle of a rate-capped queue, then
# `download --resume`: every file is byte-identical to the archive's (fetched with curl),
# no .part is left, and the resume fetches less than 1% of the queue again. The
# simulator's log (-verbose: one "download sent" line per body) counts the bytes served.
source "$(dirname "$0")/../lib.sh"
# Downloads in the process itself (the fallback, download_service off): this scenario
# checks that process's journal and lock; 70-service checks the download service.
export MASTUI_DOWNLOAD_SERVICE=off
start_sim --verbose
dir="$WORK/dl"

# served: bytes of file bodies the simulator has sent so far.
served() { grep -Eo 'msg="download sent".* bytes=[0-9]+' "$WORK/sim.err" | grep -Eo '[0-9]+$' | awk '{s += $1} END {print s + 0}'; }
# sim_settled: every file GET the simulator received has ended (its "download sent"
# line is logged), so served counts all of them.
sim_settled() {
  local asked sent
  for _ in $(seq 1 300); do
    asked=$(grep -c 'msg=request method=GET path=/api/v0.1/Download/file' "$WORK/sim.err" || true)
    sent=$(grep -c 'msg="download sent"' "$WORK/sim.err" || true)
    [ "$asked" = "$sent" ] && return 0
    sleep 0.1
  done
  fail "$1: the simulator still serves $((asked - sent)) file bodies 30 s later"
}
on_disk() { find "$dir" -type f -printf '%s\n' 2>/dev/null | awk '{s += $1} END {print s + 0}'; }

# JWST program 1073: many files; the rate cap makes the kill land mid-transfer.
obsids=$("$BIN" query criteria obs_collection=JWST proposal_id=1073 --mast-url "$URL" --format csv --columns obsid | sed -n 2,4p)
[ "$(echo "$obsids" | wc -l)" -eq 3 ] || fail "JWST program 1073 has fewer than 3 observations: $obsids"
# shellcheck disable=SC2086 # one argument per obsid
"$BIN" download --mast-url "$URL" --dir "$dir" --limit-rate 2M --filter 'size=<3MB' --filter guide_stars=false $obsids 2> "$WORK/first.err" &
pid=$!
for _ in $(seq 1 600); do [ "$(on_disk)" -ge 2000000 ] && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
exec 3>&2 2>/dev/null # not bash's "Killed" notice
kill -9 "$pid" || { exec 2>&3; fail "the download ended before the kill: $(tail -3 "$WORK/first.err")"; }
wait "$pid" || true
exec 2>&3 3>&-
sim_settled "after the kill"
at_kill=$(served)
# What the client had on disk when it died (finished and .part files); bytes the server
# had written into socket buffers that the client never read are not "fetched again".
kept=$(on_disk)
"$BIN" download --resume --mast-url "$URL" --dir "$dir" > "$WORK/resume.out" 2>&1 || fail "resume: $(cat "$WORK/resume.out")"
sim_settled "after the resume"
after_kill=$(($(served) - at_kill))

parts=$(find "$dir" -name '*.part' | wc -l)
[ "$parts" -eq 0 ] || fail "$parts .part files left after the resume"
files=0 total=0
while IFS= read -r -d '' f; do # every file, compared with the archive's bytes
  coll=$(basename "$(dirname "$(dirname "$f")")")
  curl -sf -o "$WORK/archive.bin" "$URL/api/v0.1/Download/file?uri=mast:$coll/product/$(basename "$f")" || fail "curl of $f"
  cmp -s "$f" "$WORK/archive.bin" || fail "$f differs from the archive ($(stat -c %s "$f") vs $(stat -c %s "$WORK/archive.bin") bytes)"
  files=$((files + 1)) total=$((total + $(stat -c %s "$f")))
done < <(find "$dir/mastDownload" -type f -print0)
[ "$files" -ge 10 ] && [ "$total" -ge 6000000 ] || fail "queue too small to prove anything: $files files, $total bytes"
[ "$at_kill" -lt "$total" ] || fail "the kill came after everything was sent ($at_kill of $total bytes)"
resent=$((after_kill - (total - kept))) # what the resume fetched beyond what was missing
[ $((resent * 100)) -le "$total" ] || fail "resume fetched $resent bytes already on disk again, more than 1% of $total"
ok "$files files, $total bytes, identical to the archive; killed after $at_kill bytes served, $kept on disk; the resume fetched $after_kill, $resent of them again"
