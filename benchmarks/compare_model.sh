#!/bin/bash
# Runs `probsim bench model` and the SimPy peer (benchmarks/simpy_model.py) alternately on one
# scenario, N times each (default 3; RUNS=N or -n N), prints every run, the medians of wall time
# per case-year on the books and their ratio, and the work each does per case-year.
#   benchmarks/compare_model.sh benchmarks/calibrated-tenth.yaml          # issue #22's comparison
#   RUNS=5 PROBSIM=/path/to/probsim benchmarks/compare_model.sh scenarios/reset-impact.yaml
# probsim's work figures: deferrals from `bench model` (whole run, per case-year as it counts
# them); hours done and items dropped (unmet_items.total) from one `probsim run --regime ns2021
# --replications 1` summary.json, per measured case-year (under_supervision_mean x the years
# after the warm-up); items done are not reported by probsim, so they are estimated from
# hours.by_activity / each activity's mean minutes (activities.yaml, the scenario's overrides).
# The peer counts the same quantities directly, on the same bases.
set -euo pipefail
runs="${RUNS:-3}"
if [ "${1:-}" = "-n" ]; then runs="$2"; shift 2; fi
scenario="${1:?usage: benchmarks/compare_model.sh [-n RUNS] SCENARIO}"
here="$(cd "$(dirname "$0")" && pwd)"
probsim="${PROBSIM:-.build/release/probsim}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$probsim" run "$scenario" --regime ns2021 --replications 1 --jobs 1 --out "$tmp/run" --quiet >/dev/null
for i in $(seq 1 "$runs"); do
    p=$("$probsim" bench model "$scenario")
    echo "probsim $i: $p"
    echo "$p" >> "$tmp/probsim.jsonl"
    s=$(python3 "$here/simpy_model.py" "$scenario")
    echo "simpy   $i: $s"
    echo "$s" >> "$tmp/simpy.jsonl"
done

python3 - "$tmp" "$scenario" "$here/../Sources/ProbationRules/Workload/activities.yaml" <<'PY'
import datetime as dt, json, statistics, sys, yaml
tmp, scenario, table = sys.argv[1:]
P = [json.loads(l) for l in open(f"{tmp}/probsim.jsonl")]
S = [json.loads(l) for l in open(f"{tmp}/simpy.jsonl")]
mp = statistics.median(p["microseconds_per_case_year"] for p in P)
ms = statistics.median(s["microseconds_per_case_year"] for s in S)
print(f"median us per case-year: probsim {mp:.1f}, SimPy peer {ms:.1f}: probsim is {ms / mp:.1f}x faster per case-year")

# probsim's work per case-year.
summary = json.load(open(f"{tmp}/run/summary.json"))
v = summary["regimes"]["ns2021"]
day = lambda s: dt.date.fromisoformat(s)
measured_years = (day(summary["end"]) - day(summary["warmup_end"])).days / 365.25
cy = v["caseload"]["under_supervision_mean"]["mean"] * measured_years
def mean_minutes(m):
    if isinstance(m, (int, float)):
        return float(m)
    if isinstance(m, dict):
        if "minutes" in m:
            return mean_minutes(m["minutes"])
        for shape in ("gamma", "normal", "exponential"):
            if shape in m:
                return float(m[shape]["mean"])
        if "fixed" in m:
            return float(m["fixed"])
    return None
minutes = {row["id"]: mean_minutes(row["minutes"]) for row in yaml.safe_load(open(table))}
for k, m in ((yaml.safe_load(open(scenario)) or {}).get("activities") or {}).items():
    if mean_minutes(m) is not None:
        minutes[k] = mean_minutes(m)
skip = {"record_keeping", "home_visit_travel", "court_report"}   # go with their item, or not diary work
done = sum(h["mean"] * 60 / minutes[a] for a, h in v["hours"]["by_activity"].items()
           if a not in skip and minutes.get(a))
p_work = {"work_items_done": done / cy,
          "deferrals": statistics.median(p["deferrals"] / p["case_years"] for p in P),
          "dropped": v["unmet_items"]["total"]["mean"] / cy,
          "hours_done": v["hours"]["total"]["mean"] / cy}
s_work = {k: statistics.median(s["per_case_year"][k] for s in S) for k in p_work}
print("work per case-year       probsim    SimPy peer   peer/probsim")
for k in p_work:
    print(f"  {k:20s} {p_work[k]:10.2f} {s_work[k]:12.2f} {s_work[k] / p_work[k]:12.2f}")
print("(probsim: items done estimated from hours by activity / mean minutes; deferrals from bench model; "
      "dropped and hours from run --replications 1)")
PY
