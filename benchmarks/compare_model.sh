#!/bin/bash
# Runs probsim's model and the SimPy peer on the same scenario and prints both and the ratio of
# wall time per case-year (the fair measure: the two count events differently).
#   benchmarks/compare_model.sh scenarios/reset-impact.yaml
set -euo pipefail
scenario="${1:?usage: benchmarks/compare_model.sh SCENARIO}"
probsim="${PROBSIM:-.build/release/probsim}"
p=$("$probsim" bench model "$scenario")
s=$(python3 "$(dirname "$0")/simpy_model.py" "$scenario")
echo "probsim: $p"
echo "simpy:   $s"
python3 - "$p" "$s" <<'PY'
import json, sys
p, s = json.loads(sys.argv[1]), json.loads(sys.argv[2])
per_case_year_p = p["wall_seconds"] / (p["cases"] * p["simulated_years"]) * 1e6
print(f"probsim {per_case_year_p:.1f} us per case-year, SimPy peer {s['microseconds_per_case_year']:.1f}: "
      f"probsim is {s['microseconds_per_case_year'] / per_case_year_p:.1f}x faster per case-year "
      f"(events/s {p['events_per_second']:,} vs {s['events_per_second']:,})")
PY
