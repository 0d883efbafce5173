#!/bin/bash
# Run a probsim scenario as a Slurm job array: one shard per array task, then merge.
#
#   sbatch --array=1-10 examples/slurm-array.sh scenarios/reset-impact.yaml
#   # when every task has finished:
#   probsim merge output/reset-impact-shard-*-of-10 --out output/reset-impact
#
# Each task runs its share of the replications (replication r goes to shard r mod N + 1), so
# 100 replications over 10 tasks is 10 each. Shards need nothing but the scenario file (and any
# regime files it names), and the merged result is byte-identical to a single-machine run
# (apart from timing fields). Set PROBSIM to the probsim binary if it is not on PATH, e.g.
#   swift build -c release && export PROBSIM=$PWD/.build/release/probsim
#SBATCH --job-name=probsim
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=01:00:00
#SBATCH --output=probsim-%A_%a.log
set -euo pipefail
scenario="${1:?usage: sbatch --array=1-N examples/slurm-array.sh SCENARIO}"
: "${SLURM_ARRAY_TASK_ID:?run this with sbatch --array=1-N}"
count="${SLURM_ARRAY_TASK_COUNT:-${SLURM_ARRAY_TASK_MAX:?}}"
probsim="${PROBSIM:-probsim}"
exec "$probsim" run "$scenario" --shard "${SLURM_ARRAY_TASK_ID}/${count}" --jobs "${SLURM_CPUS_PER_TASK:-1}" --quiet
