"""Queue formulas for live channels: how many callers wait, for how long, and how many give up.

Erlang B (callers turned away), Erlang C (callers wait as long as it takes) and Erlang A (callers
kept waiting give up after an exponentially distributed patience, the M/M/n+M queue). Every
function takes numpy arrays and broadcasts them, so a whole plan's intervals are worked out at once.
The arithmetic is done with logarithms and regularised incomplete gamma functions instead of
factorials and powers, so it stays finite and free of NaN from a quiet night line up to 2,000
Erlangs and 3,000 advisors, with patience from seconds to hours.

Notation for Erlang A, per interval: lambda calls a second, mu = 1/AHT, theta = 1/patience, n
advisors, x = n mu / theta, y = lambda / theta, a = lambda / mu (traffic in Erlangs), so y / x is
the offered occupancy a / n. With P the regularised lower incomplete gamma function and
D(x, y) = y^x e^-y / Gamma(x + 1):

    A(x, y)   = P(x, y) / D(x, y) = 1 + sum_j y^j / ((x + 1) ... (x + j))
    R(n, a)   = 1 / ErlangB(n, a) - 1  (the chance of fewer than n calls in progress over the
                chance of exactly n, in the loss system)
    p_n       = 1 / (R + A)  (the chance that all n advisors are busy and nobody waits)
    P(wait)   = p_n A,  P(answered after waiting) = p_n (x / y) (A - 1),
    P(abandon) = P(wait) - P(answered after waiting) = p_n (A (1 - x / y) + x / y),
    P(answered after a wait of at most t) = P(answered after waiting)
                                            * (1 - P(x + 1, y e^-theta t) / P(x + 1, y)),
    mean wait of those answered after waiting
              = (ln y - digamma(x + 1) - d/dx ln P(x + 1, y)) / theta.

Where P(x, y) underflows (far more advisors than calls) the sums above are taken term by term.
tests/test_erlang.py checks all of it against a birth-death chain built from first principles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import digamma, expit, gammainc, gammaincc, gammaln, xlogy

# Incomplete gamma values below this are too close to underflow to divide by: use the series.
_UNDERFLOW = 1e-250
_MAX_TERMS = 200_000
_HALF_LOG_TWO_PI = 0.5 * np.log(2.0 * np.pi)


@dataclass(frozen=True, eq=False)
class QueueFigures:
    """What callers experience in each interval at a given number of advisors.

    waiting_probability: share of calls that cannot be answered at once.
    service_level: share of calls answered within the answer time; a caller who gives up counts
        as not answered.
    asa_seconds: average wait of the calls that are answered (np.inf when no call can be
        answered in the long run: no advisors, or Erlang C with advisors <= traffic).
    occupancy: share of the advisors' time spent handling calls (1 when calls outrun them,
        including when there are calls and no advisors).
    abandon_rate: share of calls that give up before being answered (0 for Erlang C).
    """

    waiting_probability: np.ndarray
    service_level: np.ndarray
    asa_seconds: np.ndarray
    occupancy: np.ndarray
    abandon_rate: np.ndarray


def erlang_b(agents, traffic) -> np.ndarray:
    """Share of calls turned away when `agents` lines carry `traffic` Erlangs and nobody queues."""
    n, a = _whole_agents(agents), np.asarray(traffic, dtype=float)
    n, a = np.broadcast_arrays(n, a)
    out = np.ones(n.shape)
    out[(a == 0) & (n > 0)] = 0.0
    live = (a > 0) & (n > 0)
    out[live] = expit(-_log_r(n[live], a[live]))
    return out[()]


def erlang_c(agents, traffic) -> np.ndarray:
    """Share of calls that must wait when nobody gives up: 1 where agents <= traffic (the queue
    never clears), 0 when there is no traffic."""
    n, a = _whole_agents(agents), np.asarray(traffic, dtype=float)
    n, a = np.broadcast_arrays(n, a)
    out = np.where(a > 0, 1.0, 0.0)
    stable = (a > 0) & (n > a)
    out[stable] = _erlang_c(n[stable], a[stable])
    return out[()]


def queue_figures(
    volume,
    interval_seconds,
    aht_seconds,
    agents,
    answer_seconds,
    patience_seconds=None,
) -> QueueFigures:
    """Service level, waiting, average wait of answered calls, occupancy and abandonment.

    Erlang C where patience is None or infinite, Erlang A (exponential patience with that mean)
    otherwise; patience may mix both per interval. No calls means service level 1 and no waits.
    """
    if patience_seconds is None:
        patience_seconds = np.inf
    arrays = [np.asarray(v, dtype=float) for v in (volume, interval_seconds, aht_seconds)]
    arrays += [_whole_agents(agents), np.asarray(answer_seconds, dtype=float)]
    arrays.append(np.asarray(patience_seconds, dtype=float))
    arrays = np.broadcast_arrays(*arrays)
    shape = arrays[0].shape
    vol, interval, aht, n, t, patience = (np.ravel(v) for v in arrays)
    _check_inputs(vol, interval, aht, t, patience)

    size = vol.size
    wait, sl, asa = np.zeros(size), np.ones(size), np.zeros(size)
    occupancy, abandon = np.zeros(size), np.zeros(size)
    busy = vol > 0
    a = np.where(busy, vol * aht / interval, 0.0)
    patient = np.isinf(patience)

    nobody = busy & (n == 0)
    wait[nobody], sl[nobody], asa[nobody], occupancy[nobody] = 1.0, 0.0, np.inf, 1.0
    abandon[nobody & ~patient] = 1.0

    overloaded = busy & patient & (n > 0) & (n <= a)
    wait[overloaded], sl[overloaded], asa[overloaded], occupancy[overloaded] = 1.0, 0.0, np.inf, 1.0

    c = busy & patient & (n > a)
    if c.any():
        nc, ac = n[c], a[c]
        prob = _erlang_c(nc, ac)
        wait[c] = prob
        sl[c] = 1.0 - prob * np.exp(-(nc - ac) * t[c] / aht[c])
        asa[c] = prob * aht[c] / (nc - ac)
        occupancy[c] = ac / nc

    e = busy & ~patient & (n > 0)
    if e.any():
        theta = 1.0 / patience[e]
        mu = 1.0 / aht[e]
        lam = vol[e] / interval[e]
        ne = n[e]
        waits, nowait, answered, within, gave_up, wait_theta = _erlang_a(
            a[e], ne, ne * mu / theta, lam / theta, theta * t[e]
        )
        wait[e] = waits
        sl[e] = nowait + within
        abandon[e] = gave_up
        asa[e] = answered * wait_theta / theta / (nowait + answered)
        occupancy[e] = np.minimum(a[e] * (nowait + answered) / ne, 1.0)

    def shaped(values):
        return values.reshape(shape)

    return QueueFigures(
        waiting_probability=shaped(np.clip(wait, 0.0, 1.0)),
        service_level=shaped(np.clip(sl, 0.0, 1.0)),
        asa_seconds=shaped(asa),
        occupancy=shaped(occupancy),
        abandon_rate=shaped(np.clip(abandon, 0.0, 1.0)),
    )


def _whole_agents(agents) -> np.ndarray:
    n = np.asarray(agents, dtype=float)
    if np.any(~np.isfinite(n)) or np.any(n < 0) or np.any(n != np.floor(n)):
        raise ValueError("agents must be whole numbers, 0 or more")
    return n


def _check_inputs(vol, interval, aht, t, patience) -> None:
    if np.any(~(vol >= 0)) or np.any(~np.isfinite(vol)):
        raise ValueError("volume must be a finite number, 0 or more")
    if np.any(~(interval > 0)) or np.any(~(aht > 0)) or np.any(~np.isfinite(aht)):
        raise ValueError("interval and handle time must be more than 0 seconds")
    if np.any(~(t >= 0)):
        raise ValueError("answer time must be 0 seconds or more")
    if np.any(~(patience > 0)):
        raise ValueError("patience must be more than 0 seconds (None or inf: nobody gives up)")


def _erlang_c(n: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Erlang C for n > a > 0, as 1 / (1 + (1 - a/n) R)."""
    return expit(-(np.log1p(-a / n) + _log_r(n, a)))


def _log_ratio_minus(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """ln(y / x) - (y - x) / x, without losing digits when y is close to x."""
    u = (y - x) / x
    out = np.log(y / x) - u
    near = np.abs(u) < 0.25
    if near.any():
        # With s = u / (2 + u): ln(1 + u) = 2 (s + s^3/3 + s^5/5 + ...) and u - 2s = u s.
        un = u[near]
        s = un / (2.0 + un)
        s2 = s * s
        tail = np.zeros_like(s)
        for k in range(21, 1, -2):
            tail = tail * s2 + 1.0 / k
        out[near] = 2.0 * s * s2 * tail - un * s
    return out


def _log_poisson(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """ln(y^x e^-y / Gamma(x + 1)) for x >= 0, y > 0; Stirling's series keeps large x exact."""
    out = np.empty(np.broadcast(x, y).shape)
    x, y = np.broadcast_arrays(x, y)
    large = x >= 10.0
    xs, ys = x[~large], y[~large]
    out[~large] = xlogy(xs, ys) - ys - gammaln(xs + 1.0)
    xl, yl = x[large], y[large]
    inv, inv2 = 1.0 / xl, 1.0 / (xl * xl)
    correction = inv * (
        1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188)))
    )
    out[large] = (
        xl * _log_ratio_minus(yl, xl) - 0.5 * np.log(xl) - _HALF_LOG_TWO_PI - correction
    )
    return out


def _log_r(n: np.ndarray, a: np.ndarray) -> np.ndarray:
    """ln(1 / ErlangB(n, a) - 1) for whole n >= 1 and a > 0."""
    q = gammaincc(n, a)
    with np.errstate(divide="ignore"):
        out = np.log(q) - _log_poisson(n, a)
    deep = q < _UNDERFLOW
    if deep.any():
        # Far fewer lines than traffic: R = sum_k n! / ((n - k)! a^k), terms falling fast.
        nd, ad = n[deep], a[deep]
        total = np.zeros(nd.size)
        term = np.ones(nd.size)
        active = np.arange(nd.size)
        for k in range(1, _MAX_TERMS):
            term[active] *= (nd[active] - (k - 1)) / ad[active]
            total[active] += term[active]
            done = (term[active] <= 1e-17 * total[active]) | (nd[active] <= k)
            active = active[~done]
            if active.size == 0:
                break
        out[deep] = np.log(total)
    return out


def _erlang_a(a, n, x, y, big_t):
    """Erlang A for n >= 1 advisors; big_t is the answer time in units of patience.

    Returns the chances of (waiting, being answered at once, answered after waiting, answered
    after waiting at most t, abandoning), and the mean wait of those answered after waiting in
    units of patience.
    """
    log_r = _log_r(n, a)
    p_x, p_x1 = gammainc(x, y), gammainc(x + 1.0, y)
    series = p_x1 < _UNDERFLOW
    size = a.size
    waits, nowait, answered, within = (np.empty(size) for _ in range(4))
    gave_up, wait_theta = np.empty(size), np.empty(size)

    d = ~series
    if d.any():
        xd, yd, pxd, px1d = x[d], y[d], p_x[d], p_x1[d]
        log_d = _log_poisson(xd, yd)
        log_a = np.log(pxd) - log_d
        log_am1 = np.log(px1d) - log_d
        log_pn = -np.logaddexp(log_r[d], log_a)
        wait = np.exp(log_a + log_pn)
        waits[d] = wait
        nowait[d] = np.exp(log_r[d] + log_pn)
        ans = np.exp(np.log(xd / yd) + log_am1 + log_pn)
        answered[d] = ans
        overload = yd >= xd
        gave_up[d] = np.where(
            overload,
            wait * (1.0 - xd / yd) + np.exp(log_pn) * xd / yd,
            np.maximum(wait - ans, 0.0),
        )
        z = yd * np.exp(-big_t[d])
        # Which of two equal forms of 1 - P(x+1, z) / P(x+1, y) keeps its digits.
        sooner = np.empty(xd.size)
        upper = z > xd + 1.0
        s1, zu, yu = xd[upper] + 1.0, z[upper], yd[upper]
        sooner[upper] = (gammaincc(s1, zu) - gammaincc(s1, yu)) / px1d[upper]
        with np.errstate(divide="ignore"):
            later = np.log(gammainc(xd[~upper] + 1.0, z[~upper])) - np.log(px1d[~upper])
        sooner[~upper] = -np.expm1(later)
        within[d] = ans * np.clip(sooner, 0.0, 1.0)
        wait_theta[d] = np.log(yd) - digamma(xd + 1.0) - _slope_log_p(xd + 1.0, yd)

    if series.any():
        xs, ys, ts = x[series], y[series], big_t[series]
        u, iu, uh, v = _erlang_a_sums(xs, ys, ts)
        # A = 1 + y U / (x + 1); sum_j j y^j / ((x + 1) ... (x + j)) = y (U + I) / (x + 1);
        # P(x + 1, z) / P(x + 1, y) = (z / y)^(x + 1) e^(y - z) V / U with z = y e^-big_t.
        log_a = np.log1p(ys / (xs + 1.0) * u)
        log_pn = -np.logaddexp(log_r[series], log_a)
        pn = np.exp(log_pn)
        waits[series] = np.exp(log_a + log_pn)
        nowait[series] = np.exp(log_r[series] + log_pn)
        ans = xs / (xs + 1.0) * u * pn
        answered[series] = ans
        gave_up[series] = (u + iu) * pn / (xs + 1.0)
        log_later = -(xs + 1.0) * ts - ys * np.expm1(-ts) + np.log(v) - np.log(u)
        within[series] = ans * -np.expm1(np.minimum(log_later, 0.0))
        wait_theta[series] = 1.0 / (xs + 1.0) + uh / u

    return waits, nowait, answered, within, gave_up, wait_theta


def _slope_log_p(s: np.ndarray, y: np.ndarray) -> np.ndarray:
    """d/ds ln P(s, y) by a four-point difference, its step scaled to the spread of P in s."""
    h = 0.01 * np.sqrt(s)
    with np.errstate(divide="ignore"):
        f = [np.log(gammainc(s + k * h, y)) for k in (-2.0, -1.0, 1.0, 2.0)]
    return (f[0] - 8.0 * f[1] + 8.0 * f[2] - f[3]) / (12.0 * h)


def _erlang_a_sums(x, y, big_t):
    """Term-by-term sums for Erlang A where P(x + 1, y) underflows.

    With u_i = y^i / ((x + 2) ... (x + i + 1)) and H_i = sum_{k=2..i+1} 1 / (x + k):
    U = sum u_i = A(x + 1, y), I = sum i u_i, UH = sum u_i H_i and V = sum u_i e^(-i big_t).
    """
    size = x.size
    u, iu, uh, v = np.ones(size), np.zeros(size), np.zeros(size), np.ones(size)
    term, harmonic = np.ones(size), np.zeros(size)
    decay = np.exp(-big_t)
    fade = np.ones(size)
    active = np.arange(size)
    for i in range(1, _MAX_TERMS):
        xa = x[active]
        t = term[active] * y[active] / (xa + i + 1.0)
        hm = harmonic[active] + 1.0 / (xa + i + 1.0)
        f = fade[active] * decay[active]
        term[active], harmonic[active], fade[active] = t, hm, f
        u[active] += t
        iu[active] += i * t
        uh[active] += t * hm
        v[active] += t * f
        done = (i * t <= 1e-17 * iu[active]) & (t * hm <= 1e-17 * uh[active])
        active = active[~done]
        if active.size == 0:
            break
    return u, iu, uh, v
