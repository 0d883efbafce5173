"""SimPy 4.1.2 peer of `probsim bench model`: probsim's workload (regime ns2021) written as a SimPy user would.

Issue #22's speed claim compares probsim with this program per case-year on the books. It reads
the scenario file (caseload, sentence mix and lengths, recall hazard scale, case administration
override, workforce) and simulates, with SimPy processes and `env.timeout`, the same work that
probsim books under ns2021 (docs/model.md, Sources/ProbationRules/Workload/activities.yaml,
Sources/ProbationRules/Regimes/BuiltIn/ns2021.yaml):

Processes
- one process per case (the initial caseload, part-way through, length-biased as probsim samples
  it; then Poisson arrivals on working days from an arrivals process), walking its phases:
  custody (licences; held by a POM with no probation work while 10+ months are left to serve,
  until COM allocation 7.5 months before release), licence, PSS (custodial sentences under 2
  years, to 12 months after release), or a community / suspended sentence order;
- one process per practitioner, working each working day's diary: the day's items are sorted
  by the class that gives way last (statutory, risk work for high/very high RoSH, minimum
  contacts, reviews and admin, contacts above the minimum), then nearest deadline, then higher
  RoSH, and done while they fit in the day's minutes plus 10% overtime; an item that does not fit
  is deferred to the next working day or dropped (a frequency contact past its calendar month,
  work without a deadline deferred more than `max_deferral_working_days`, non-statutory deadline
  work more than 20 working days late; statutory work waits until done);
- a recall stay is a process (custody, then re-release with its first appointment); a weekly
  monitor process samples the caseload after the warm-up.

Work booked (minutes as in the activity table, record keeping +10 on contacts and reactive
events, travel on home visits):
- initial appointment (90, statutory, 5 working days after sentence, 1 after release or
  re-release); sentence plan (180, statutory, 15 working days after the first appointment, not on
  re-release); termination assessment (90, reviews, 40 working days before the end);
- every calendar month the case covers for 14+ days outside custody: max(1, professional
  judgement A4 B2 C1 D1) F2F (gamma mean 45 sd 15), the first the ns2021 minimum (not on PSS),
  the rest above the minimum; the initial appointment counts in its month;
- attendance drawn (A .85, B .85, C .88, D .92); a missed contact rebooked 2 working days later
  inside its month (2 times at most); half of absences unacceptable: warning letter (20) and
  decision (30) each time; breach report (180) on the 2nd within 12 months on an order (3rd on
  PSS), with the court's outcome (continue .45, amend .35: a review; revoke .2: the order ends);
  on licence recall with probability 0.15 instead of the letter;
- volume work: case administration Poisson(4) x 100 minutes a case-month (the scenario's
  override), reactive events Poisson(0.1) x 60 (risk work), home visits Poisson(0.5) for high /
  very high RoSH and child protection cases (60 + 40 travel, risk work), each on a random working
  day of the month; a review of the assessment and plan (90) every 12 months and 5 working days
  after a RoSH or flag change; MAPPA meetings (120) every 3 months for 35% of MAPPA cases;
- monthly: RoSH transitions and MAPPA / child protection hazards (the defaults), recall on
  licence with probability hazard_per_month x hazard_scale by RoSH; a recall books a recall
  report (240, statutory, due the next working day), a review (90, 10 working days) and after a
  standard recall (30%: gamma 120 +- 60 days; fixed-term 14 days) a risk management plan (60);
- custody (COM-held): a pre-release plan (120, statutory, within 3 months of allocation), one
  custody contact (30 + 10) a month from 4.5 months before release, a parole report (528) for 10%
  of custodial cases 16 weeks before release.

Approximations (each makes the peer do slightly less or different work than probsim, never a
different kind of work): allocation is the lightest of 16 random candidates by a tier-weighted
case count (probsim: WMT points), a PSO holds nothing above medium RoSH, and a case whose RoSH
rises is not reallocated; grades do not restrict who does which task; NSD weekly contacts,
standalone UPW / restrictive exclusions, the UPW start and assessment (0 practitioner minutes),
summonses (0 minutes), emergency recalls, other contacts and keyed common random numbers are left
out (Python's `random` is the one stream); bank holidays are the regular England and Wales ones.

The SimPy events are the cases' phase and month steps, arrivals, the practitioners' working days,
recall stays and the weekly monitor; a piece of work is an entry in a diary (a dict of day ->
list), not an event of its own, as a SimPy user would keep a diary, and deferring it is moving
it to the next day's list. Checked against probsim on benchmarks/calibrated-tenth.yaml (ns2021,
one replication): per case-year, items done 21.2 vs 21.5 (probsim's estimated from hours by
activity / mean minutes), deferrals 380 vs 332, dropped 32.1 vs 30.1, hours done 26.5 vs 26.9,
mean caseload 24,242 vs 24,258.

Prints one JSON line: cases, events (SimPy events processed), work_items_done, deferrals (whole
run, as probsim's `deferrals`), dropped, hours_done (both over the measured period after the
warm-up, as probsim's summary), mean_caseload (people under supervision, POM-held included,
weekly after the warm-up), case_years (mean_caseload x simulated years), wall_seconds,
microseconds_per_case_year, and the per-case-year work figures.
Usage: python3 benchmarks/simpy_model.py SCENARIO [--seed S] [--scale F]
"""
import argparse
import datetime as dt
import json
import math
import random
import time

import simpy
import yaml

# Classes of work in the order they are done when a day is full (0 first).
STATUTORY, RISK, MINIMUM, REVIEWS, ABOVE = 0, 1, 2, 3, 4
# What happens to an item that does not fit: kinds of expiry.
WAITS, FREQ, NODEADLINE, DEADLINE = 0, 1, 2, 3
ROSH = ["low", "medium", "high", "very_high"]
ROSH_MOVES = {0: [(1, 0.01)], 1: [(0, 0.02), (2, 0.01)], 2: [(1, 0.03), (3, 0.005)], 3: [(2, 0.05)]}
RECALL_HAZARD = [0.004, 0.008, 0.012, 0.015]
MAPPA_AT_START = [0.0, 0.05, 0.35, 0.9]
TIERS = {"A": 9, "B": 31, "C": 36, "D": 24}
ROSH_BY_LETTER = {"A": [0, 0, 0.6, 0.4], "B": [0, 0.6, 0.4, 0], "C": [0.4, 0.6, 0, 0], "D": [1, 0, 0, 0]}
ATTEND = {"A": 0.85, "B": 0.85, "C": 0.88, "D": 0.92}
PJ = {"A": 4, "B": 2, "C": 1, "D": 1}
LOAD_WEIGHT = {"A": 4, "B": 3, "C": 2, "D": 1}


def easter(y):
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    j, k = c // 4, c % 4
    m = (a + 11 * h) // 319
    r = (2 * e + 2 * j - k - h + m + 32) % 7
    n = (h - m + r + 90) // 25
    return dt.date(y, n, (h - m + r + n + 19) % 32)


def bank_holidays(y):
    def sub(d):             # a holiday on a weekend moves to the Monday
        while d.weekday() >= 5:
            d += dt.timedelta(days=1)
        return d
    def monday(m, first):
        d = dt.date(y, m, 1) if first else dt.date(y, m + 1, 1) - dt.timedelta(days=1)
        while d.weekday() != 0:
            d += dt.timedelta(days=1) if first else -dt.timedelta(days=1)
        return d
    e = easter(y)
    xmas = sub(dt.date(y, 12, 25))
    boxing = sub(dt.date(y, 12, 26))
    if boxing == xmas:
        boxing += dt.timedelta(days=1)
    return {sub(dt.date(y, 1, 1)), e - dt.timedelta(days=2), e + dt.timedelta(days=1), monday(5, True),
            monday(5, False), monday(8, False), xmas, boxing}


def draw_dist(rng, spec, default):
    """A scenario distribution (lognormal, gamma, fixed) with min / max, in its own units."""
    spec = spec or default
    if isinstance(spec, (int, float)):
        return float(spec)
    lo, hi = spec.get("min", -math.inf), spec.get("max", math.inf)
    for _ in range(1000):
        if "lognormal" in spec:
            p = spec["lognormal"]
            x = p["median"] * math.exp(p["sigma"] * rng.gauss(0, 1))
        elif "gamma" in spec:
            p = spec["gamma"]
            k = (p["mean"] / p["sd"]) ** 2
            x = rng.gammavariate(k, p["mean"] / k)
        else:
            x = float(spec.get("fixed", 0))
        if lo <= x <= hi:
            return x
    return min(hi, max(lo, x))


def gamma(rng, mean, sd):
    k = (mean / sd) ** 2
    return rng.gammavariate(k, mean / k)


def poisson(rng, lam):
    n, p, L = 0, rng.random(), math.exp(-lam)
    while p > L:
        n += 1
        p *= rng.random()
    return n


class Item:
    """A piece of diary work."""
    __slots__ = ("cls", "deadline", "rosh", "minutes", "kind", "case", "act", "deferred", "expires", "gen", "rebooks")

    def __init__(self, cls, deadline, case, minutes, kind, act, expires):
        self.cls, self.deadline, self.case, self.minutes = cls, deadline, case, minutes
        self.kind, self.act, self.expires = kind, act, expires
        self.rosh = -case.rosh
        self.deferred = 0
        self.gen = case.gen
        self.rebooks = 0


class Case:
    __slots__ = ("id", "type", "letter", "rosh", "mappa", "cp", "mappa_meetings", "sentence", "release", "sup_start",
                 "licence_end", "end", "custody_months", "practitioner", "gen", "gone", "in_custody", "absences",
                 "first_done")


class Model:
    def __init__(self, sc, seed, scale):
        self.rng = rng = random.Random(seed)
        self.sc = sc
        self.env = simpy.Environment()
        self.start = dt.date.fromisoformat(str(sc["start"]))
        hz = sc.get("horizon", {"years": 1})
        self.days = self.span_days(hz)
        self.warmup = self.span_days(sc.get("warmup", {"days": 0}))
        load = sc.get("caseload", {})
        self.initial = round(int(load.get("initial", 0)) * scale)
        self.weekly = float(load.get("arrivals_per_week", 0)) * scale
        self.sentences = load.get("sentences")
        beh = sc.get("behaviour", {})
        self.hazard_scale = float(beh.get("recall", {}).get("hazard_scale", 1))
        acts = sc.get("activities", {}) or {}
        ca = acts.get("case_admin", {})
        self.admin_minutes = float(ca.get("minutes", 30)) if isinstance(ca, dict) else float(ca)
        self.admin_rate = float(ca.get("per_case_month", 0)) if isinstance(ca, dict) else 0.0
        self.admin_every = int(ca.get("every_months", 1)) if isinstance(ca, dict) else 1
        wf = sc.get("workforce", {})
        self.max_defer = int(wf.get("max_deferral_working_days", 10))
        rat = wf.get("rationing", {}) or {}
        self.max_late = int(rat.get("max_late_working_days", 20))
        overtime = float(rat.get("overtime_share", 0.10))
        leave, sick = float(wf.get("leave_days_per_year", 27)), float(wf.get("sickness_share", 0.04))
        self.staff = []
        for g in wf.get("practitioners", []):
            n = max(1 if g["grade"] == "PO" else 0, round(int(g.get("count", 1)) * scale))
            share = float(g.get("case_work_share", 0.75))
            cap = float(g.get("hours_per_week", 37)) * 60 / 5 * share * (1 - sick) * (1 - leave / 253) * (1 - float(g.get("reduction", 0)))
            for _ in range(n):
                self.staff.append({"grade": g["grade"], "cap": cap, "max": cap * (1 + overtime), "load": 0, "diary": {}})
        self.pos = [p for p in self.staff if p["grade"] == "PO"]
        # Calendar: day numbers from the start; working days; months.
        span = self.days + 800
        hol = set()
        for y in range(self.start.year - 1, self.start.year + span // 365 + 2):
            hol |= bank_holidays(y)
        self.wd = [d for d in range(-3000, span) if (self.start + dt.timedelta(days=d)).weekday() < 5
                   and (self.start + dt.timedelta(days=d)) not in hol]
        self.wd_set = set(self.wd)
        self.off = 3000
        self.after = [0] * (span + self.off)       # index in wd of the first working day after day d
        j = 0
        for d in range(-self.off, span):
            while j < len(self.wd) and self.wd[j] <= d:
                j += 1
            self.after[d + self.off] = j
        self.month_starts = []
        m = dt.date(self.start.year - 25, 1, 1)
        while (m - self.start).days < span:
            self.month_starts.append((m - self.start).days)
            m = dt.date(m.year + (m.month == 12), m.month % 12 + 1, 1)
        # Measures.
        self.events = 0
        self.done_items = self.dropped = self.deferrals = self.measured_deferrals = 0
        self.done_minutes = self.overtime_minutes = 0.0
        self.samples = []
        self.detail = None                  # --detail: per activity [done, dropped, deferred]
        self.cases = []
        self.alive = 0

    def span_days(self, span):
        k, v = next(iter(span.items()))
        if k == "days":
            return int(v)
        if k == "weeks":
            return int(v) * 7
        months = int(v) * (12 if k == "years" else 1)
        y, m = divmod(self.start.month - 1 + months, 12)
        return (dt.date(self.start.year + y, m + 1, self.start.day) - self.start).days

    # Calendar helpers.
    def wd_after(self, d, n):
        """The n-th working day after day d (n >= 1); n = 0: the first working day on or after d."""
        if n <= 0:
            return self.wd[self.after[d - 1 + self.off]]
        return self.wd[self.after[d + self.off] + n - 1]

    def month_bounds(self, d):
        i = next(k for k in range(len(self.month_starts) - 1, -1, -1) if self.month_starts[k] <= d)
        return i, self.month_starts[i], self.month_starts[i + 1] - 1

    def months_to_days(self, d, months):
        date = self.start + dt.timedelta(days=d)
        whole = int(months)
        y, m = divmod(date.month - 1 + whole, 12)
        base = dt.date(date.year + y, m + 1, 1)
        last = (dt.date(base.year + (base.month == 12), base.month % 12 + 1, 1) - dt.timedelta(days=1)).day
        base = base.replace(day=min(date.day, last))
        return (base - self.start).days + int(round((months - whole) * 30.44))

    # Cases.
    def new_case(self, sentence):
        rng = self.rng
        c = Case()
        c.id = len(self.cases)
        s = self.sentences or {"community_order": {"weight": 0.45}, "suspended_sentence_order": {"weight": 0.15},
                               "licence": {"weight": 0.40}}
        names = list(s)
        c.type = rng.choices(names, [float(s[n].get("weight", 1)) for n in names])[0]
        c.letter = rng.choices(list(TIERS), list(TIERS.values()))[0]
        c.rosh = rng.choices(range(4), ROSH_BY_LETTER[c.letter])[0]
        c.mappa = rng.random() < MAPPA_AT_START[c.rosh]
        c.cp = rng.random() < 0.04
        c.mappa_meetings = rng.random() < 0.35
        c.sentence = sentence
        if c.type == "licence":
            cm = draw_dist(rng, s[c.type].get("custody_months"), {"lognormal": {"median": 20, "sigma": 0.9}, "min": 1, "max": 240})
            c.custody_months = cm
            c.release = self.months_to_days(sentence, cm * 0.5)
            c.licence_end = self.months_to_days(sentence, cm)
            c.end = max(c.licence_end, self.months_to_days(c.release, 12)) if cm < 24 else c.licence_end
            c.sup_start = c.release
        else:
            default = {"lognormal": {"median": 12, "sigma": 0.4}, "min": 6, "max": 36}
            c.custody_months = 0
            c.release = c.sentence
            c.sup_start = c.sentence
            c.end = c.licence_end = self.months_to_days(sentence, draw_dist(rng, s[c.type].get("months"), default))
        c.gen, c.gone, c.in_custody, c.absences, c.first_done = 0, False, False, [], False
        return c

    def allocate(self, c):
        rng = self.rng
        pool = self.staff if c.rosh <= 1 else self.pos
        best = min((rng.choice(pool) for _ in range(16)) if len(pool) > 256 else pool, key=lambda p: p["load"])
        best["load"] += LOAD_WEIGHT[c.letter]
        c.practitioner = best
        self.cases.append(c)

    def book(self, c, day, cls, minutes, kind, act, deadline=None, expires=None):
        if day < self.env.now:
            day = math.ceil(self.env.now)
        if day not in self.wd_set:
            day = self.wd_after(day, 0)
        if cls == RISK and c.rosh < 2:
            cls = MINIMUM
        it = Item(cls, deadline if deadline is not None else (expires if expires is not None else day + 10000), c,
                  minutes, kind, act, expires)
        c.practitioner["diary"].setdefault(day, []).append(it)
        return it

    def f2f(self, c, day, cls, window_end):
        self.book(c, day, cls, gamma(self.rng, 45, 15) + 10, FREQ, "f2f", expires=window_end)

    def case_life(self, c):
        env, rng = self.env, self.rng
        self.alive += 1
        try:
            if c.release > env.now:
                yield from self.custody(c)
            if c.gone:
                return
            if c.sup_start >= env.now:          # a new sentence or release: first appointment
                yield env.timeout(max(0, c.sup_start - env.now))
                self.book(c, c.sup_start, STATUTORY, 100, WAITS, "initial",
                          deadline=self.wd_after(c.sup_start, 5 if c.type != "licence" else 1))
            else:
                c.first_done = True
            start = max(c.sup_start, int(env.now))
            ta = self.wd[self.after[c.end + self.off] - 41] if c.end < self.days + 100 else -1
            if 0 <= ta < self.days:
                env.process(self.later(c, ta, REVIEWS, 90, DEADLINE, "termination", c.end - 1))
            review_at = c.sup_start
            mi, ms, me = self.month_bounds(start)
            first = True
            while ms < c.end and not c.gone:
                if not first:
                    yield env.timeout(ms - env.now)
                    if c.gone:
                        return
                    self.month_draws(c, ms)
                first = False
                if c.in_custody or c.gone:
                    mi += 1
                    ms, me = self.month_starts[mi], self.month_starts[mi + 1] - 1
                    continue
                a, b = max(ms, int(env.now), c.sup_start), min(me, c.end - 1)
                if b - a + 1 >= 14:
                    n = PJ[c.letter]
                    pss = c.end > c.licence_end and ms >= c.licence_end   # PSS: no monthly standard
                    k0 = 1 if (c.sup_start >= ms and c.sup_start <= me and c.sup_start >= a) else 0
                    for k in range(k0, max(n, 1)):
                        day = a + int((k + 0.5) * (b - a + 1) / max(n, 1))
                        cls = MINIMUM if (k == 0 and not pss) else ABOVE
                        self.f2f(c, day, cls, me)
                wds = self.wd[self.after[a - 1 + self.off]:self.after[b + self.off]] or [a]
                share = (b - a + 1) / (me - ms + 1)     # volume work: a rate per case-month on the books
                for _ in range(poisson(rng, self.admin_rate * share)) if self.admin_rate > 0 else ():
                    self.book(c, rng.choice(wds), REVIEWS, self.admin_minutes, NODEADLINE, "case_admin")
                if self.admin_every and (mi % self.admin_every == 0):
                    self.book(c, a, REVIEWS, self.admin_minutes, NODEADLINE, "case_admin")
                for _ in range(poisson(rng, 0.1 * share)):
                    self.book(c, rng.choice(wds), RISK, 70, NODEADLINE, "reactive")
                if c.rosh >= 2 or c.cp:
                    for _ in range(poisson(rng, 0.5 * share)):
                        self.book(c, rng.choice(wds), RISK, gamma(rng, 60, 20) + gamma(rng, 40, 15) + 10, NODEADLINE, "home_visit")
                if c.mappa and c.mappa_meetings and (mi % 3 == 0):
                    self.book(c, a, RISK, 120, NODEADLINE, "mappa")
                while self.months_to_days(review_at, 12) <= b:
                    review_at = self.months_to_days(review_at, 12)
                    if review_at >= a:
                        self.book(c, review_at, REVIEWS, 90, DEADLINE, "review", deadline=self.wd_after(review_at, 0))
                mi += 1
                ms, me = self.month_starts[mi], self.month_starts[mi + 1] - 1
            if not c.gone:
                yield env.timeout(max(0, c.end - env.now))
        finally:
            self.alive -= 1
            c.gone = True
            c.practitioner["load"] -= LOAD_WEIGHT[c.letter]

    def later(self, c, day, cls, minutes, kind, act, deadline):
        yield self.env.timeout(max(0, day - self.env.now))
        if not c.gone:
            self.book(c, day, cls, minutes, kind, act, deadline=deadline)

    def custody(self, c):
        env, rng = self.env, self.rng
        to_serve = c.custody_months * 0.5
        alloc = c.sentence if to_serve < 10 else self.months_to_days(c.release, -7.5)
        respons = max(c.sentence, self.months_to_days(c.release, -4.5))
        if alloc > env.now:
            yield env.timeout(alloc - env.now)
        if alloc >= env.now - 1 and alloc >= 0:
            due = min(self.months_to_days(alloc, 3), c.release - 1)
            self.book(c, alloc, STATUTORY, 120, WAITS, "pre_release_plan", deadline=due)
        if rng.random() < 0.1:
            pr = max(c.release - 112, alloc, int(env.now))
            env.process(self.later(c, pr, STATUTORY, 528, WAITS, "parole_report", c.release - 1))
        mi, ms, me = self.month_bounds(max(respons, int(env.now)))
        while ms < c.release:
            if ms > env.now:
                yield env.timeout(ms - env.now)
            a, b = max(ms, respons, int(env.now)), min(me, c.release - 1)
            if b - a + 1 >= 14:
                self.book(c, a + (b - a) // 2, MINIMUM, 40, FREQ, "custody_contact", expires=me)
            mi += 1
            ms, me = self.month_starts[mi], self.month_starts[mi + 1] - 1
        if c.release > env.now:
            yield env.timeout(c.release - env.now)

    def month_draws(self, c, day):
        rng = self.rng
        r = rng.random()
        acc = 0.0
        changed = False
        for to, p in ROSH_MOVES[c.rosh]:
            acc += p
            if r < acc:
                c.rosh, changed = to, True
                break
        if not c.mappa and rng.random() < 0.001:
            c.mappa = changed = True
        if not c.cp and rng.random() < 0.002:
            c.cp = changed = True
        if changed and not c.in_custody:
            self.book(c, self.wd_after(day, 5), REVIEWS, 90, DEADLINE, "review", deadline=self.wd_after(day, 5))
        if (c.type == "licence" and not c.in_custody and c.sup_start <= day < c.licence_end
                and rng.random() < RECALL_HAZARD[c.rosh] * self.hazard_scale):
            self.recall(c, day)

    def recall(self, c, day):
        rng, env = self.rng, self.env
        c.gen += 1                              # work booked before the recall is withdrawn
        c.in_custody = True
        self.book(c, day, STATUTORY, 240, WAITS, "recall_report", deadline=self.wd_after(day, 1))
        self.book(c, self.wd_after(day, 1), REVIEWS, 90, DEADLINE, "review", deadline=self.wd_after(day, 10))
        standard = rng.random() >= 0.7
        if standard:
            self.book(c, day, RISK, 60, DEADLINE, "risk_management_plan", deadline=self.wd_after(day, 10))
            stay = max(1, round(gamma(rng, 120, 60)))
        else:
            stay = 14
        env.process(self.recall_stay(c, int(day) + stay))

    def recall_stay(self, c, out):
        yield self.env.timeout(max(0, out - self.env.now))
        if c.gone:
            return
        c.in_custody = False
        self.book(c, out, STATUTORY, 100, WAITS, "initial", deadline=self.wd_after(out, 1))

    def held(self, it, day):
        """After a contact was held: attendance, rebooking, enforcement, the sentence plan."""
        c, rng = it.case, self.rng
        if it.act == "initial" and not c.first_done:
            c.first_done = True
            self.book(c, self.wd_after(day, 1), STATUTORY, 180, WAITS, "sentence_plan", deadline=self.wd_after(day, 15))
        if rng.random() < ATTEND[c.letter]:
            return
        if it.kind == FREQ and it.rebooks < 2:
            again = self.wd_after(day, 2)
            if again <= it.expires:
                new = self.book(c, again, it.cls, gamma(rng, 45, 15) + 10, FREQ, it.act, expires=it.expires)
                new.rebooks = it.rebooks + 1
        if rng.random() < 0.5:
            return
        # An unacceptable absence.
        if day >= self.warmup:
            self.unacceptable += 1
        on_licence = c.type == "licence" and day < c.licence_end
        if on_licence and rng.random() < 0.15:
            self.recall(c, day)
            return
        self.book(c, day, STATUTORY, 20, WAITS, "warning_letter", deadline=self.wd_after(day, 2))
        self.book(c, day, STATUTORY, 30, WAITS, "decision", deadline=self.wd_after(day, 6))
        if on_licence:
            return
        c.absences = [d for d in c.absences if d > day - 365] + [day]
        if len(c.absences) >= (2 if c.type != "licence" else 3):
            c.absences = []
            self.book(c, day, STATUTORY, 180, WAITS, "breach_report", deadline=self.wd_after(day, 8))

    def breach_outcome(self, c, day):
        if c.type == "licence":
            return
        r = self.rng.random()
        if r < 0.45:
            return
        if r < 0.8:
            self.book(c, self.wd_after(day, 1), REVIEWS, 90, DEADLINE, "review", deadline=self.wd_after(day, 10))
        else:
            c.gone = True                   # revoked: the order ends, its work is withdrawn

    def practitioner(self, p):
        env = self.env
        diary = p["diary"]
        key = lambda it: (it.cls, it.deadline, it.rosh)
        for day in self.wd:
            if day < 0:
                continue
            if day >= self.days:
                return
            yield env.timeout(day + 0.5 - env.now)
            items = diary.pop(day, None)
            if not items:
                continue
            items.sort(key=key)
            left, cap, used = p["max"], p["cap"], 0.0
            nxt = self.wd_after(day, 1)
            measured = day >= self.warmup
            later = diary.setdefault(nxt, [])
            for it in items:
                c = it.case
                if c.gone or it.gen != c.gen:
                    continue                    # withdrawn (case ended, revoked or recalled)
                if it.minutes <= left or used == 0.0:     # a piece longer than a day is done on an empty one
                    left -= it.minutes
                    before = used
                    used += it.minutes
                    if self.detail is not None and measured:
                        self.detail.setdefault(it.act, [0, 0, 0])[0] += 1
                    if measured:
                        self.done_items += 1
                        self.done_minutes += it.minutes
                        self.overtime_minutes += max(0.0, used - max(before, cap))
                    if it.act in ("f2f", "initial"):
                        self.held(it, day)
                    elif it.act == "breach_report":
                        self.breach_outcome(c, day)
                    continue
                # It does not fit: defer it, or drop it when it can no longer count.
                k = it.kind
                if ((k == FREQ and nxt > it.expires) or (k == NODEADLINE and it.deferred >= self.max_defer)
                        or (k == DEADLINE and nxt > self.wd_after(it.deadline, self.max_late))):
                    if measured:
                        self.dropped += 1
                        if self.detail is not None:
                            self.detail.setdefault(it.act, [0, 0, 0])[1] += 1
                    continue
                it.deferred += 1
                self.deferrals += 1
                if self.detail is not None:
                    self.detail.setdefault(it.act, [0, 0, 0])[2] += 1
                if measured:
                    self.measured_deferrals += 1
                later.append(it)

    def arrivals(self):
        env, rng = self.env, self.rng
        t = 0.0
        while True:
            t += rng.expovariate(self.weekly / 7)
            day = self.wd_after(int(t), 0)
            if day >= self.days:
                return
            yield env.timeout(max(0, day - env.now))
            c = self.new_case(day)
            self.allocate(c)
            env.process(self.case_life(c))

    def monitor(self):
        env = self.env
        t = self.warmup
        while t < self.days:
            yield env.timeout(t - env.now)
            self.samples.append(self.alive)
            t += 7

    def setup(self):
        rng = self.rng
        self.unacceptable = 0
        if self.initial:
            pilot = sorted((lambda c: c.end - c.sentence)(self.new_case(0)) for _ in range(2000))
            cap = pilot[len(pilot) * 99 // 100]
            made = 0
            while made < self.initial:
                c = self.new_case(0)
                length = c.end - c.sentence
                if rng.random() * cap >= length:
                    continue
                elapsed = rng.randrange(max(1, length))
                # the drawn case, shifted so that it started `elapsed` days before the start
                for f in ("release", "sup_start", "licence_end", "end", "sentence"):
                    setattr(c, f, getattr(c, f) - elapsed)
                self.allocate(c)
                self.env.process(self.case_life(c))
                made += 1
        if self.weekly > 0:
            self.env.process(self.arrivals())
        for p in self.staff:
            self.env.process(self.practitioner(p))
        self.env.process(self.monitor())

    def run(self):
        env = self.env
        self.setup()
        n = 0
        while env.peek() < self.days:
            env.step()
            n += 1
        self.events = n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply the caseload, arrivals and staff")
    ap.add_argument("--detail", action="store_true", help="also print work per case-year by activity (slower)")
    args = ap.parse_args()
    sc = yaml.safe_load(open(args.scenario))
    t0 = time.perf_counter()
    m = Model(sc, args.seed, args.scale)
    if args.detail:
        m.detail = {}
    m.run()
    wall = time.perf_counter() - t0
    years = m.days / 365.25
    measured_years = (m.days - m.warmup) / 365.25
    mean_caseload = sum(m.samples) / max(1, len(m.samples))
    case_years = mean_caseload * years
    measured_cy = mean_caseload * measured_years
    print(json.dumps({
        "benchmark": "simpy_model", "scenario": sc.get("name"), "cases": len(m.cases), "events": m.events,
        "work_items_done": m.done_items, "deferrals": m.deferrals, "dropped": m.dropped,
        "hours_done": round(m.done_minutes / 60, 1), "overtime_hours": round(m.overtime_minutes / 60, 1),
        "unacceptable_absences": m.unacceptable,
        "mean_caseload": round(mean_caseload), "simulated_years": round(years, 4), "case_years": round(case_years),
        "per_case_year": {"work_items_done": round(m.done_items / measured_cy, 2),
                          "deferrals": round(m.deferrals / case_years, 2),
                          "dropped": round(m.dropped / measured_cy, 2),
                          "hours_done": round(m.done_minutes / 60 / measured_cy, 2)},
        "events_per_second": round(m.events / wall), "wall_seconds": round(wall, 3),
        "microseconds_per_case_year": round(wall / case_years * 1e6, 1)}))
    if m.detail is not None:
        for act, (done, dropped, deferred) in sorted(m.detail.items()):
            print(f"{act:24s} done {done / measured_cy:8.3f}  dropped {dropped / measured_cy:8.3f}  "
                  f"deferrals {deferred / case_years:8.3f} per case-year")


if __name__ == "__main__":
    main()
