#!/bin/bash
# Runs `probsim bench engine` and the SimPy peer (benchmarks/simpy_engine.py) alternately at one
# number of pending processes, N times each (default 5; RUNS=N or -n N), prints every run, the
# medians of events a second and their ratio (issue #22 asks for 30 x at 1,000 and 250,000).
#   benchmarks/compare_engine.sh 1000
#   RUNS=3 PROBSIM=/path/to/probsim benchmarks/compare_engine.sh 250000
# probsim runs 20 million events and SimPy 2 million (SimPy's rate does not depend on the
# count once its processes are started; 2 million keep a run under a minute at 250,000).
# Extra arguments go to probsim (e.g. --queue quaternary).
set -euo pipefail
runs="${RUNS:-5}"
if [ "${1:-}" = "-n" ]; then runs="$2"; shift 2; fi
if [ $# -lt 1 ]; then echo "usage: benchmarks/compare_engine.sh [-n RUNS] PROCESSES [probsim options]" >&2; exit 64; fi
processes="$1"
shift
case "$processes" in ''|*[!0-9]*) echo "compare_engine.sh: PROCESSES must be a whole number, got '$processes'" >&2; exit 64;; esac
case "$runs" in ''|*[!0-9]*|0) echo "compare_engine.sh: RUNS must be a whole number above 0, got '$runs'" >&2; exit 64;; esac
here="$(cd "$(dirname "$0")" && pwd)"
probsim="${PROBSIM:-.build/release/probsim}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for i in $(seq 1 "$runs"); do
    p=$("$probsim" bench engine --processes "$processes" --events 20000000 "$@")
    echo "probsim $i: $p"
    echo "$p" >> "$tmp/probsim.jsonl"
    s=$(python3 "$here/simpy_engine.py" --processes "$processes" --events 2000000)
    echo "simpy   $i: $s"
    echo "$s" >> "$tmp/simpy.jsonl"
done

python3 - "$tmp" <<'PY'
import json, statistics, sys
tmp = sys.argv[1]
P = [json.loads(l)["events_per_second"] for l in open(f"{tmp}/probsim.jsonl")]
S = [json.loads(l)["events_per_second"] for l in open(f"{tmp}/simpy.jsonl")]
mp, ms = statistics.median(P), statistics.median(S)
print(f"median events a second: probsim {mp / 1e6:.2f} M ({min(P) / 1e6:.2f}-{max(P) / 1e6:.2f}), "
      f"SimPy {ms / 1e6:.3f} M ({min(S) / 1e6:.3f}-{max(S) / 1e6:.3f}): probsim is {mp / ms:.1f}x as fast")
PY
