#!/bin/bash
# Run a probsim scenario as N shards with GNU parallel (on one machine, or over ssh with -S),
# then merge them into the result one machine would have produced.
#
#   examples/gnu-parallel.sh scenarios/reset-impact.yaml 4
set -euo pipefail
scenario="${1:?usage: examples/gnu-parallel.sh SCENARIO N}"
n="${2:?usage: examples/gnu-parallel.sh SCENARIO N}"
probsim="${PROBSIM:-probsim}"
name=$(sed -n 's/^name: *\([^ #]*\).*/\1/p' "$scenario" | head -1)
parallel --halt now,fail=1 "$probsim" run "$scenario" --shard {}/"$n" --jobs 1 --quiet ::: $(seq 1 "$n")
"$probsim" merge $(for k in $(seq 1 "$n"); do echo "output/$name-shard-$k-of-$n"; done) --out "output/$name"
