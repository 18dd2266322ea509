#!/usr/bin/env bash
# A one-shot command collects no garbage: `query … --format csv` of every collection runs
# without a collection (GODEBUG=gctrace=1 prints none), while the same run with GOGC=100
# in the environment (which wins) collects.
source "$(dirname "$0")/../lib.sh"
start_sim
colls=$("$BIN" collections --mast-url "$URL" --format csv | tail -n +2 | paste -sd, -)
[ -n "$colls" ] || fail "no collections"
gcs() { # gcs [VAR=VALUE...]: the query of every collection; sets collections and lines
  env GODEBUG=gctrace=1 GOGC= GOMEMLIMIT= "$@" "$BIN" query criteria "obs_collection=$colls" --mast-url "$URL" --format csv \
    > "$WORK/all.csv" 2> "$WORK/gctrace.txt" || fail "query of every collection ($*): $(tail -3 "$WORK/gctrace.txt")"
  collections=$(grep -c '^gc ' "$WORK/gctrace.txt" || true)
  lines=$(wc -l < "$WORK/all.csv")
}
gcs
[ "$collections" -eq 0 ] && [ "$lines" -ge 10000 ] || fail "one-shot query: $collections collections for $lines lines of CSV, want none"
ok "query of every collection ($lines lines of CSV) without a garbage collection"
gcs GOGC=100
[ "$collections" -gt 0 ] || fail "with GOGC=100 in the environment: no collection (the scenario cannot see them, or the environment was lost)"
ok "with GOGC=100 in the environment: $collections collections"
