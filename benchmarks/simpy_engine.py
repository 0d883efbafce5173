"""SimPy 4.1.2 peer of `probsim bench engine`: the same workload, for the speed comparison.

N processes each wait an exponential time (mean 1 day) and repeat; the run stops after M events.
Prints one JSON line like probsim's. Usage: python3 benchmarks/simpy_engine.py --processes N --events M
"""
import argparse
import json
import random
import resource
import time

import simpy


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--processes", type=int, default=1000)
    ap.add_argument("--events", type=int, default=2_000_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    env = simpy.Environment()
    count = [0]
    stop = env.event()

    def proc():
        expo = rng.expovariate
        while True:
            yield env.timeout(expo(1.0))
            count[0] += 1
            if count[0] == args.events and not stop.triggered:
                stop.succeed()

    for _ in range(args.processes):
        env.process(proc())
    t0 = time.perf_counter()
    env.run(until=stop)
    wall = time.perf_counter() - t0
    print(json.dumps({
        "benchmark": "engine", "peer": "simpy " + simpy.__version__,
        "processes": args.processes, "events": count[0],
        "events_per_second": round(count[0] / wall), "wall_seconds": round(wall, 4),
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
