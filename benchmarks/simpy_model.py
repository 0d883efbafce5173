"""SimPy 4.1.2 peer of `probsim bench model`: a small version of probsim's model, for the speed claim.

Reads the scenario's caseload size, horizon and workforce, and simulates with SimPy what probsim's
diary does in outline: cases on the books at the start and Poisson arrivals; each case a process
that books its contacts month by month (1 to 4 F2F a month by tier letter, as professional
judgement); each contact takes minutes from its practitioner's day (deferred to the next working
day when the day is full); attendance is drawn and a missed contact rebooked once; a monthly risk
draw per case. It is deliberately simpler than probsim (no regimes, standards or enforcement), so
it is a lower bound on what a SimPy version of the model would cost.

Prints one JSON line: cases, events (SimPy events processed), events_per_second, wall_seconds,
microseconds_per_case_year. Usage: python3 benchmarks/simpy_model.py SCENARIO [--seed S]
"""
import argparse
import json
import math
import random
import time

import simpy
import yaml


def months_of(span):
    if not span:
        return 12
    k, v = next(iter(span.items()))
    return {"days": v / 30.44, "weeks": v * 7 / 30.44, "months": v, "years": 12 * v}[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    sc = yaml.safe_load(open(args.scenario))
    load = sc.get("caseload", {})
    initial, weekly = int(load.get("initial", 0)), float(load.get("arrivals_per_week", 0))
    horizon_days = months_of(sc.get("horizon")) * 30.44
    staff = sum(int(p.get("count", 1)) for p in sc.get("workforce", {}).get("practitioners", [])) or 1
    day_minutes = 37 * 60 / 5 * 0.75 * 0.86
    rng = random.Random(args.seed)
    env = simpy.Environment()
    remaining = {}          # (practitioner, day) -> minutes left
    events = [0]
    letters, per_month, attend = "ABCD", {"A": 4, "B": 2, "C": 1, "D": 1}, {"A": .85, "B": .85, "C": .88, "D": .92}

    def book(p, day, minutes):
        key = (p, day)
        left = remaining.get(key, day_minutes)
        if minutes <= left:
            remaining[key] = left - minutes
            return True
        return False

    def case(length, elapsed):
        p = rng.randrange(staff)
        tier = rng.choice(letters)
        end = env.now + length - elapsed
        while env.now < end and env.now < horizon_days:
            month_end = env.now + 30.44
            for j in range(per_month[tier]):
                day = env.now + j * 30.44 / per_month[tier]
                if day >= end:
                    break
                yield env.timeout(max(0.0, day - env.now))
                events[0] += 1
                tries = 0
                while not book(p, math.floor(env.now), rng.gammavariate(9, 5) + 10):
                    yield env.timeout(1)
                    events[0] += 1
                    tries += 1
                    if env.now >= month_end:
                        break
                if rng.random() > attend[tier]:
                    yield env.timeout(2)
                    events[0] += 1
                    book(p, math.floor(env.now), rng.gammavariate(9, 5) + 10)
            rng.random()    # the month's risk draw
            yield env.timeout(max(0.0, month_end - env.now))
            events[0] += 1

    def length():
        return min(36, max(6, math.exp(math.log(12) + 0.4 * rng.gauss(0, 1)))) * 30.44

    def arrivals():
        while True:
            yield env.timeout(rng.expovariate(weekly / 7))
            events[0] += 1
            env.process(case(length(), 0))

    start = time.perf_counter()
    for _ in range(initial):
        L = length()
        env.process(case(L, rng.random() * L))
    if weekly > 0:
        env.process(arrivals())
    env.run(until=horizon_days)
    wall = time.perf_counter() - start
    cases = initial + weekly * horizon_days / 7
    print(json.dumps({"benchmark": "simpy_model", "cases": round(cases), "events": events[0],
                      "events_per_second": round(events[0] / wall), "wall_seconds": round(wall, 3),
                      "microseconds_per_case_year": round(wall / (cases * horizon_days / 365.25) * 1e6, 1)}))


if __name__ == "__main__":
    main()
