#!/usr/bin/env bash
# End-to-end tests of the real binary, as a person (or a script) uses it. Each scenario
# is a script in scenarios/ (its header says what it checks) run against the binary:
#   10-cli             the CLI against `mastui sim`: CSV, --count, exit statuses, --help,
#                      completion; astroquery against `mastui sim`
#   20-tui             the TUI in tmux: searches, products, the queue, columns, missions
#   30-signals         kill -TERM/-HUP/-INT and a closed terminal end the TUI cleanly
#   40-download-kill9  `mastui download` killed with -9, then --resume
#   50-gc              one-shot commands collect no garbage
#   60-tesscut         `mastui tesscut cutout` against `mastui sim`: target pixel files on disk
#   70-serve           `mastui serve --demo` with ssh in tmux: keys, PTY, resize, a killed
#                      client's downloads completing, SIGTERM telling the session
#   75-service         the TUI and `mastui download` sharing the download service; its kill -9
# Usage: run.sh BINARY [SCENARIO...] (names without the number, e.g. signals; default all).
# Every scenario runs, even after one fails; the work dir of a failed one is kept in
# $RESULTS/e2e/<scenario> (RESULTS defaults to test-results).
set -uo pipefail
BIN=$(realpath "${1:-bin/mastui}")
shift
HERE=$(cd "$(dirname "$0")" && pwd)
export RESULTS=${RESULTS:-test-results}
rm -rf "$RESULTS/e2e"
failed=()
for s in "$HERE"/scenarios/*.sh; do
  name=$(basename "$s" .sh)
  if [ $# -gt 0 ]; then
    want=""
    for a in "$@"; do [ "${name#*-}" = "$a" ] || [ "$name" = "$a" ] && want=1; done
    [ -n "$want" ] || continue
  fi
  start=$SECONDS
  if bash "$s" "$BIN"; then
    echo "ok  $name ($((SECONDS - start)) s)"
  else
    echo "FAIL $name ($((SECONDS - start)) s)"
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "e2e: FAILED: ${failed[*]} ($SECONDS s)"
  exit 1
fi
echo "e2e: all passed ($SECONDS s)"
