#!/usr/bin/env bash
# Unit tests, as `go test` runs them, minus the relinking.
#
# `go test` links every test binary again on every run, and linking was more CPU than
# the tests themselves in the plain pass (about 45 of its 70 CPU seconds). `go test -c`
# keeps linked binaries in the build cache, so a package that did not change is not
# linked again. This script builds the binaries with -c, then runs each one in its
# package's directory, as go test does (-test.paniconexit0, -test.timeout=10m), two at
# a time, printing go test's "ok"/"FAIL" lines and the whole output of a failed package.
#
# Usage: run.sh [-race] [-run REGEX] [-only-with REGEX] NAME PKG...
#   -race           build with the race detector
#   -run REGEX      passed to every binary (-test.run)
#   -only-with RE   run only the packages whose test files match RE (grep -E)
#   NAME            names the work directory ($RESULTS/unit-NAME: binaries and logs)
# Exits 1 when a package fails or does not build.
set -uo pipefail
GO=${GO:-go}
RESULTS=${RESULTS:-test-results}
race=() only=""
export UNIT_RUN=""
while [ $# -gt 0 ]; do
  case $1 in
    -race) race=(-race); shift ;;
    -run) UNIT_RUN=$2; shift 2 ;;
    -only-with) only=$2; shift 2 ;;
    *) break ;;
  esac
done
name=$1
shift
work=$(realpath -m "$RESULTS/unit-$name")
export UNIT_WORK=$work
rm -rf "$work"
mkdir -p "$work/logs"

# The packages with tests, as "importpath dir".
mapfile -t pkgs < <($GO list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}} {{.Dir}}{{end}}' "$@")
if [ -n "$only" ]; then
  kept=()
  for p in "${pkgs[@]}"; do
    grep -qE "$only" "${p#* }"/*_test.go && kept+=("$p")
  done
  pkgs=("${kept[@]}")
fi
[ ${#pkgs[@]} -gt 0 ] || exit 0

# -o DIR/ names a binary after the package's last element: packages sharing one (the
# catalogs of the simulator and of the TUI) go to separate directories.
#
# go test -c links a binary only when the one already at its -o path is not the one it
# would link (it compares build IDs, which -trimpath keeps free of the clone's path).
# The binaries live in a cache shared by every clone on this machine, so a clean clone
# (CI) links only what changed. A lock keeps two runs from building there at once; each
# run then takes hard links to them: a later build replaces a file (remove, create), it
# never writes into one a run is executing.
cache=${MASTUI_TESTBIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mastui-testbin}/${race[0]:+race-}$name
mkdir -p "$cache"
declare -A seen=() groups=()
for p in "${pkgs[@]}"; do
  ip=${p%% *}
  base=${ip##*/}
  n=${seen[$base]:-0}
  seen[$base]=$((n + 1))
  groups[$n]+=" $ip"
  echo "$ip ${p#* } $work/bin$n/$base.test" >>"$work/plan"
done
exec 9>"$cache.lock"
flock 9
for n in "${!groups[@]}"; do
  mkdir -p "$cache/bin$n" "$work/bin$n"
  # -s -w as go test links; vet runs in make lint.
  # shellcheck disable=SC2086
  if ! $GO test -trimpath "${race[@]}" -vet=off -ldflags='-s -w' -c -o "$cache/bin$n/" ${groups[$n]}; then
    echo "FAIL (build)"
    exit 1
  fi
  for b in "$cache/bin$n"/*.test; do
    [ -e "$b" ] || continue
    ln "$b" "$work/bin$n/" 2>/dev/null || cp "$b" "$work/bin$n/"
  done
done
flock -u 9

# One package: its binary in its directory; prints the result line (and, on failure,
# the output) in one write so parallel packages do not interleave.
one() {
  local ip=$1 dir=$2 bin=$3 work=$UNIT_WORK args=()
  [ -z "$UNIT_RUN" ] || args=("-test.run=$UNIT_RUN")
  local log=$work/logs/${ip//\//_}.log start=$EPOCHREALTIME status
  if [ ! -x "$bin" ]; then # no test of it was built (all its test files excluded)
    echo "?   	$ip	[no test files]"
    return 0
  fi
  (cd "$dir" && "$bin" -test.paniconexit0 -test.timeout=10m0s "${args[@]}") >"$log" 2>&1
  status=$?
  local secs
  secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.3f", b-a}')
  echo "$secs $ip" >>"$work/times"
  if [ $status -eq 0 ]; then
    if grep -q '^testing: warning: no tests to run' "$log"; then
      echo "ok  	$ip	${secs}s [no tests to run]"
    else
      echo "ok  	$ip	${secs}s"
    fi
  else
    { cat "$log"; echo "FAIL	$ip	${secs}s"; } | cat
    touch "$work/failed"
  fi
}
export -f one
# Longest first (as the last run of this pass timed them; new packages before all), so
# no long package starts last and runs alone.
order() {
  awk -v f="$cache.times" 'BEGIN { while ((getline l < f) > 0) { split(l, a, " "); t[a[2]] = a[1] } }
    { print ($1 in t ? t[$1] : 1e9), $0 }' | sort -rn -k1,1 | cut -d' ' -f2-
}
order <"$work/plan" | xargs -P "${UNIT_PARALLEL:-2}" -L 1 bash -c 'one "$@"' _
[ -e "$work/times" ] && cp "$work/times" "$cache.times.$$" && mv "$cache.times.$$" "$cache.times"
if [ -e "$work/failed" ]; then
  echo "FAIL"
  exit 1
fi
