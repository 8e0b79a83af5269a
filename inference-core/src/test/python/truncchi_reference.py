#!/usr/bin/env python3
"""High-precision reference values for the scaled chi distribution truncated to a
union of disjoint closed intervals.

R ~ s * chi_d (the norm of a d-dimensional N(0, s^2 I) vector) conditioned on
R in S = [l1, u1] U ... U [lk, uk] (disjoint, sorted, ends may be inf; the part
below 0 has no mass).  For every case the upper tail p = P(R >= t | R in S)
("greater", the chi test's p-value) and the lower tail P(R <= t | R in S)
("less") are computed with mpmath at 60 significant digits, written with 25
significant digits, and checked against an independent recomputation at 100
digits; the regularised incomplete gamma function that gives every mass is
checked against quadrature of the chi density.

Usage (from the repository root; /usr/bin/python3 with python3-mpmath):

    /usr/bin/python3 inference-core/src/test/python/truncchi_reference.py \
        inference-core/src/test/resources/org/salientsi/core/stats/truncchi-reference.csv

Deterministic (inputs from random.Random(20261207)); only the comment line
naming the mpmath version depends on the installation.

Numerical notes
---------------
* Standardised ends r = x / s; with k = d/2 the mass of [a, b] is
  P(k, b^2/2) - P(k, a^2/2) = Q(k, a^2/2) - Q(k, b^2/2), P and Q mpmath's
  regularised gammainc, whose exponent range is unbounded (masses like
  1e-217000 are exact in relative terms).  The difference is formed on the
  side of k where the two terms are small (Q above, P below), and an interval
  across k is split there, so only narrow intervals cancel, losing at most
  about 12 of the 60 digits.
* As in truncnorm_reference.py, each p-value is formed from the smaller of the
  two complementary masses and log p from log1p of the other when p > 1/2.
"""

import math
import random
import sys

import mpmath
from mpmath import mp, mpf

SEED = 20261207
WORK_DPS = 60
CHECK_DPS = 100
OUT_DIGITS = 25
TOLERANCE = mpf("1e-25")
QUAD_TOLERANCE = mpf("1e-30")
ALTERNATIVES = ("greater", "less")
INF = float("inf")
DEGREES = (1, 2, 3, 4, 5, 7, 10, 20, 50, 100, 300, 1000, 3000, 10000)
COMMAND = ("/usr/bin/python3 inference-core/src/test/python/truncchi_reference.py "
           "inference-core/src/test/resources/org/salientsi/core/stats/truncchi-reference.csv")


class Case(object):
    def __init__(self, category, d, scale, intervals, t):
        self.category = category
        self.d = int(d)
        self.scale = float(scale)
        self.intervals = [(float(lo), float(hi)) for lo, hi in intervals]
        self.t = float(t)
        self.validate()

    def validate(self):
        assert self.d >= 1, self
        assert self.scale > 0 and self.scale != INF, self
        assert 0 < self.t < INF, self
        assert self.intervals, self
        prev = None
        for lo, hi in self.intervals:
            assert 0 <= lo < hi, ("empty, degenerate or negative interval", self)
            if prev is not None:
                assert prev < lo, ("not disjoint and sorted", self)
            prev = hi
        assert any(lo <= self.t <= hi for lo, hi in self.intervals), ("t not in S", self)

    def key(self):
        return (self.d, self.scale, tuple(self.intervals), self.t)

    def intervals_str(self):
        return "|".join("%s:%s" % (fmt(lo), fmt(hi)) for lo, hi in self.intervals)

    def __repr__(self):
        return "Case(%s, d=%d, s=%r, S=%s, t=%r)" % (self.category, self.d, self.scale, self.intervals_str(),
                                                     self.t)


def fmt(x):
    return "inf" if x == INF else repr(x)


def r6(x):
    v = round(x, 6)
    return 0.0 if v == 0 else v


def uniform(rng, a, b):
    return a + (b - a) * rng.random()


def randint(rng, a, b):
    return a + min(int(rng.random() * (b - a + 1)), b - a)


def point_in(rng, lo, hi):
    if hi == INF:
        return r6(lo + uniform(rng, 0.05, 2.0))
    x = r6(lo + (hi - lo) * uniform(rng, 0.02, 0.98))
    return x if lo < x < hi else lo + (hi - lo) * 0.5


def bulk_cases(rng, d, n):
    """Random unions of 1 to 5 intervals within 6 of the mode."""
    m = math.sqrt(max(d - 1, 0))
    cases = []
    while len(cases) < n:
        k = randint(rng, 1, 5)
        ends = sorted(r6(max(0.0, m + uniform(rng, -6, 6))) for _ in range(2 * k))
        if any(ends[i] >= ends[i + 1] for i in range(len(ends) - 1)):
            continue
        if rng.random() < 0.2:
            ends[0] = 0.0
        if rng.random() < 0.2:
            ends[-1] = INF
        ivs = [(ends[2 * i], ends[2 * i + 1]) for i in range(k)]
        lo, hi = ivs[randint(rng, 0, k - 1)]
        t = point_in(rng, lo, hi)
        if t <= 0:
            continue
        cases.append(Case("bulk", d, 1.0, ivs, t))
    return cases


def tail_cases(d):
    """Far upper tails (up to 1000 beyond the mode) and far lower tails (down to 1e-3)."""
    m = round(math.sqrt(max(d - 1, 0)), 3)
    c = []
    up = lambda ivs, t: c.append(Case("far-upper", d, 1.0, ivs, t))
    up([(m + 20, m + 21), (m + 22, INF)], m + 20.5)
    up([(m + 20, m + 21), (m + 22, INF)], m + 23)
    up([(m + 38, m + 39), (m + 40, INF)], m + 38.5)
    up([(m + 200, m + 200.5), (m + 300, INF)], m + 300)
    up([(m + 200, m + 200.5), (m + 300, INF)], m + 200.25)
    up([(m + 999, m + 999.5), (m + 1000, INF)], m + 999.25)
    up([(m + 50, INF)], m + 60)
    if d >= 2:
        lo = lambda ivs, t: c.append(Case("far-lower", d, 1.0, ivs, t))
        lo([(0.001, 0.002), (0.01, 0.02)], 0.015)
        lo([(0.001, 0.002), (0.01, 0.02)], 0.0015)
        lo([(0.0, 0.1), (0.5, 1.0), (m + 30, INF)], 0.75)
        if m > 4:
            lo([(m / 10, m / 10 + 0.5), (m / 4, m / 4 + 1.0)], m / 4 + 0.5)
            lo([(0.0, m / 3), (m + 1, INF)], m / 3 - 0.25)
    return c


def narrow_cases(d):
    m = round(math.sqrt(max(d - 1, 0)), 3)
    c = []
    add = lambda ivs, t: c.append(Case("narrow", d, 1.0, ivs, t))
    add([(m + 0.5, m + 0.5 + 1e-9), (m + 1, m + 1 + 1e-6)], m + 1 + 5e-7)
    add([(m + 0.5, m + 0.5 + 1e-9), (m + 1, m + 1 + 1e-6)], m + 0.5 + 5e-10)
    add([(m + 25, m + 25 + 1e-12), (m + 26, INF)], m + 25 + 5e-13)
    add([(m + 0.25, m + 0.2501), (m + 3, m + 3.001)], m + 3.0005)
    if d >= 2:
        add([(0.01, 0.01 + 1e-9), (0.02, 0.0200001)], 0.020000005)
    return c


def wide_cases(d):
    m = round(math.sqrt(max(d - 1, 0)), 3)
    c = []
    add = lambda ivs, t: c.append(Case("wide", d, 1.0, ivs, t))
    add([(0.0, INF)], m + 0.3)
    add([(0.0, INF)], m + 8)
    add([(0.0, max(m - 1, 0.5)), (m + 1, INF)], m + 1.5)
    add([(0.0, m + 0.001), (m + 50, INF)], m - 0.5 if m > 1 else 0.0005)
    return c


def scale_cases():
    c = []
    for d, s in ((1, 0.37), (3, 25.0), (100, 1e-3), (1000, 2.5e4), (10000, 0.5)):
        m = math.sqrt(d - 1 if d > 1 else 0)
        ivs = [(r6(s * max(m - 2, 0)), r6(s * (m - 0.5 if m > 1 else 0.6))), (r6(s * (m + 1)), r6(s * (m + 40)))]
        c.append(Case("scale", d, s, ivs, r6(s * (m + 1.5))))
        c.append(Case("scale", d, s, ivs, r6(s * (m + 30))))
    return c


def build_cases():
    rng = random.Random(SEED)
    cases = []
    for d in DEGREES:
        cases += bulk_cases(rng, d, 4)
        cases += tail_cases(d)
        cases += narrow_cases(d)
        cases += wide_cases(d)
    cases += scale_cases()
    keys = [c.key() for c in cases]
    assert len(set(keys)) == len(keys), "duplicate case"
    return cases


# ---------------------------------------------------------------------------

def std(x, scale):
    return mp.inf if x == INF else mpf(x) / mpf(scale)


class Chi(object):
    """Masses of standardised intervals under chi_d at the current precision (memoised)."""

    def __init__(self, d):
        self.k = mpf(d) / 2
        self._p = {}
        self._q = {}

    def P(self, r):
        if r == 0:
            return mpf(0)
        if r == mp.inf:
            return mpf(1)
        v = self._p.get(r)
        if v is None:
            v = mp.gammainc(self.k, 0, r * r / 2, regularized=True)
            self._p[r] = v
        return v

    def Q(self, r):
        if r == mp.inf:
            return mpf(0)
        if r == 0:
            return mpf(1)
        v = self._q.get(r)
        if v is None:
            v = mp.gammainc(self.k, r * r / 2, mp.inf, regularized=True)
            self._q[r] = v
        return v

    def mass(self, a, b):
        if not a < b:
            return mpf(0)
        split = mp.sqrt(2 * self.k)
        if a >= split:
            return self.Q(a) - self.Q(b)
        if b <= split:
            return self.P(b) - self.P(a)
        return (self.P(split) - self.P(a)) + (self.Q(split) - self.Q(b))


def side(small, other, total):
    if small <= other:
        p = small / total
        return p, mp.log(p)
    c = other / total
    return 1 - c, mp.log1p(-c)


def evaluate(case, dps):
    with mp.workdps(dps):
        chi = Chi(case.d)
        zs = [(std(lo, case.scale), std(hi, case.scale)) for lo, hi in case.intervals]
        zt = std(case.t, case.scale)
        below = mp.fsum(chi.mass(a, min(b, zt)) for a, b in zs if a < zt)
        above = mp.fsum(chi.mass(max(a, zt), b) for a, b in zs if b > zt)
        total = mp.fsum(chi.mass(a, b) for a, b in zs)
        assert total > 0, case
        assert abs(below + above - total) <= mpf(10) ** (-(dps - 15)) * total, ("inconsistent split", case)
        res = {"greater": side(above, below, total), "less": side(below, above, total)}
        for alt, (p, lp) in res.items():
            assert 0 < p <= 1 and lp <= 0, (alt, p, case)
        return dict((k, (+v[0], +v[1])) for k, v in res.items())


def check_gamma(cases, rng):
    """Max relative difference between mpmath's regularised Q and quadrature of the chi density over a
    sample of (d, r) that the cases use (r within 60 of the mode, where quadrature is reliable)."""
    pts = []
    for c in cases:
        for lo, hi in c.intervals:
            for x in (lo, hi):
                if 0 < x < INF:
                    pts.append((c.d, x / c.scale))
    pts = sorted(set(pts))
    rng.shuffle(pts)
    worst = mpf(0)
    with mp.workdps(50):
        for d, r in pts[:150]:
            r = mpf(r)
            m = mp.sqrt(max(d - 1, 0))
            if abs(r - m) > 60:
                continue
            k = mpf(d) / 2
            logc = -(k - 1) * mp.log(2) - mp.loggamma(k)
            f = lambda x: mp.exp(logc + (d - 1) * mp.log(x) - x * x / 2)
            if r > m + 2:
                # tail: x = sqrt(r^2 + 2 v), f dx = c e^{-r^2/2} (r^2 + 2v)^{(d-2)/2} e^{-v} dv, smooth in v
                g = lambda v: mp.exp(-v + (mpf(d) - 2) / 2 * mp.log(r * r + 2 * v))
                q = mp.exp(logc - r * r / 2) * mp.quad(g, [0, 1, 4, 16, 64, 256, mp.inf])
            else:
                marks = sorted(set([r] + [x for x in (m - 8, m - 2, m, m + 2, m + 8, m + 30) if x > r]))
                q = mp.quad(f, marks + [mp.inf])
            ref = mp.gammainc(k, r * r / 2, mp.inf, regularized=True)
            worst = max(worst, abs(q - ref) / ref)
    return worst


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: %s OUTPUT.csv\n" % argv[0])
        return 2
    mp.dps = WORK_DPS
    cases = build_cases()
    rows = []
    worst = mpf(0)
    worst_by = {}
    for case_id, case in enumerate(cases, 1):
        lo = evaluate(case, WORK_DPS)
        hi = evaluate(case, CHECK_DPS)
        for alt in ALTERNATIVES:
            p, lp = lo[alt]
            p2, lp2 = hi[alt]
            with mp.workdps(CHECK_DPS):
                dp = abs(p - p2) / p2
                dlp = abs(lp - lp2) / abs(lp2) if lp2 != 0 else abs(lp - lp2)
            worst = max(worst, dp, dlp)
            key = (case.category, case.d)
            worst_by[key] = max(worst_by.get(key, mpf(0)), dp, dlp)
            rows.append((case_id, case, alt, p, lp))
    worst_q = check_gamma(cases, random.Random(SEED + 1))
    header = [
        "# truncchi-reference.csv: high-precision reference p-values for R ~ scale * chi_d conditioned on R in S, "
        "S a union of disjoint closed intervals (generated, do not edit).",
        "# greater: p = P(R >= t | R in S) (the chi test's p-value); less: p = P(R <= t | R in S).",
        "# intervals: lo:hi separated by '|', hi may be inf; t always lies in S.",
        "# inputs are exact doubles written with Python repr(); p and log_p (natural log) have %d significant "
        "digits; p may underflow a double, log_p does not." % OUT_DIGITS,
        "# computed with mpmath %s at mp.dps = %d (regularised gammainc), checked against a recomputation at "
        "mp.dps = %d (max relative discrepancy %s); gammainc checked against quadrature of the chi density "
        "(max relative discrepancy %s)." % (mpmath.__version__, WORK_DPS, CHECK_DPS, mpmath.nstr(worst, 3),
                                            mpmath.nstr(worst_q, 3)),
        "# command: " + COMMAND,
        "id,category,d,scale,intervals,t,alternative,p,log_p",
    ]
    with open(argv[1], "w", newline="\n") as f:
        for line in header:
            f.write(line + "\n")
        for case_id, case, alt, p, lp in rows:
            f.write(",".join([str(case_id), case.category, str(case.d), fmt(case.scale), case.intervals_str(),
                              fmt(case.t), alt, mpmath.nstr(p, OUT_DIGITS), mpmath.nstr(lp, OUT_DIGITS)]) + "\n")
    print("cases: %d, rows: %d" % (len(cases), len(rows)))
    print("self-check (%d vs %d digits): max rel. discrepancy %s" % (WORK_DPS, CHECK_DPS, mpmath.nstr(worst, 3)))
    print("gammainc vs quadrature: max rel. discrepancy %s" % mpmath.nstr(worst_q, 3))
    if worst > TOLERANCE or worst_q > QUAD_TOLERANCE:
        sys.stderr.write("FAIL: discrepancy above tolerance\n")
        return 1
    print("wrote %s" % argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
