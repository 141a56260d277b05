#!/bin/sh
# Runs every benchmark of the build folder given as $1 (default: build), one
# after the other, each on the shared corpora read in place (../shared).
# Usage: scripts/bench.sh [BUILD] [NAME...]   e.g. scripts/bench.sh build code_bench
# Each program prints its own throughput and peak RSS; this script adds the
# command line and the machine's load so the numbers can be quoted with them.
set -eu
build=${1:-build}
[ $# -gt 0 ] && shift
if [ $# -gt 0 ]; then
  names="$*"
else
  names=$(cd "$build/bench" && ls *_bench 2>/dev/null | sort)
fi
if [ -z "$names" ]; then
  echo "bench.sh: no benchmarks in $build/bench; build with -DDYAD_BUILD_BENCH=ON" >&2
  exit 2
fi
status=0
for name in $names; do
  exe="$build/bench/$name"
  if [ ! -x "$exe" ]; then
    echo "bench.sh: $exe not found" >&2
    status=1
    continue
  fi
  echo "=== $exe  ($(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
  "$exe" || { echo "bench.sh: $name failed" >&2; status=1; }
  echo
done
exit $status
