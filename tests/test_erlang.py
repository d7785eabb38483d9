"""The queue formulas against published values, a first-principles birth-death chain, and their
own limits: Erlang A tends to Erlang C as patience grows; everything stays finite and monotone
from no traffic to 2,000 Erlangs and from 0 to 3,000 advisors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.linalg import expm, solve_triangular
from scipy.special import logsumexp

from planner.erlang import erlang_b, erlang_c, queue_figures
from planner.staffing import Target, required_agents, with_shrinkage

# Sources: pyworkforce's test suite (MIT), the Call Centre Helper worked example (100 calls in
# 30 min, AHT 180 s), JeanCruzC/Erlang tests, marplatense/erlang tables.
# Service level there is SL(t) = 1 - C exp(-(N - A) t / AHT); the 19.8 s rows are pyworkforce's
# 0.33 minutes. "Required agents" rows: the smallest N > A with SL >= target and occupancy A/N
# <= the cap; after shrinkage s, ceil(N / (1 - s)).
REFERENCE = """\
model calls_per_interval interval_seconds aht_seconds agents target_seconds metric value
ErlangC 100 1800 180 14 19.8 service_level 0.888
ErlangC 100 1800 180 14 - occupancy 0.714
ErlangC 100 1800 180 14 - waiting_probability 0.174
ErlangC 100 1800 180 - 19.8 required_agents_raw[SL>=0.80,max_occupancy<=0.85] 14
ErlangC 100 1800 180 - 19.8 required_agents_after_shrinkage[shrinkage=0.30] 20
ErlangC 100 1800 180 - 19.8 required_agents_raw[SL>=0.80,max_occupancy<=0.70] 15
ErlangC 100 1800 180 - 19.8 required_agents_after_shrinkage[max_occupancy<=0.70,shrinkage=0.30] 22
ErlangC 100 1800 180 15 19.8 service_level 0.941
ErlangC 100 1800 180 15 - occupancy 0.667
ErlangC 100 1800 180 15 - waiting_probability 0.102
ErlangB 50 1800 180 10 - blocking_probability 0.01838457
ErlangC 50 1800 180 10 - waiting_probability 0.03610536
ErlangC 50 1800 180 10 20 service_level 0.97928443
ErlangC 50 1800 180 10 - asa_seconds 1.29979293
ErlangB 50 1800 180 10 - blocking_probability 0.018385
ErlangB 100 1800 180 10 - blocking_probability 0.214583
ErlangB 100 1800 180 14 - blocking_probability 0.056819
ErlangB 100 1800 180 15 - blocking_probability 0.036497
ErlangB 100 1800 180 20 - blocking_probability 0.001869
ErlangB 480 1800 180 55 - blocking_probability 0.038374
ErlangB 480 1800 180 60 - blocking_probability 0.013356
"""


def _reference_rows():
    header, *lines = REFERENCE.splitlines()
    names = header.split()
    return [dict(zip(names, line.split(), strict=True)) for line in lines]


def _tolerance(value: str) -> float:
    """1.5 units in the last printed digit, except 5e-4 for values printed to 3 decimals."""
    decimals = len(value.split(".")[1]) if "." in value else 0
    return 5e-4 if decimals <= 3 else 1.5 * 10.0**-decimals


def _settings(metric: str) -> dict[str, str]:
    inside = metric[metric.index("[") + 1 : metric.index("]")]
    return dict(part.replace(">=", "=").replace("<=", "=").split("=") for part in inside.split(","))


@pytest.mark.parametrize("row", _reference_rows(), ids=lambda r: f"{r['model']}-{r['metric']}")
def test_reference_table(row):
    calls, interval, aht = (float(row[k]) for k in ("calls_per_interval", "interval_seconds",
                                                   "aht_seconds"))
    metric, expected = row["metric"], row["value"]
    answer = 0.0 if row["target_seconds"] == "-" else float(row["target_seconds"])
    if metric.startswith("required_agents"):
        given = _settings(metric)
        target = Target(service_level=float(given.get("SL", 0.80)), answer_seconds=answer,
                        max_occupancy=float(given.get("max_occupancy", 0.85)))
        agents, _ = required_agents(calls, interval, aht, target)
        if "shrinkage" in given:
            agents = with_shrinkage(agents, float(given["shrinkage"]))
        assert int(agents) == int(expected)
        return
    traffic = calls * aht / interval
    agents = int(row["agents"])
    if metric == "blocking_probability":
        got = erlang_b(agents, traffic)
    else:
        got = getattr(queue_figures(calls, interval, aht, agents, answer), metric)
    assert float(got) == pytest.approx(float(expected), abs=_tolerance(expected))


def test_erlang_b_and_c_edges():
    assert erlang_b(0, 5.0) == 1.0 and erlang_b(3, 0.0) == 0.0
    assert erlang_c(5, 5.0) == 1.0 and erlang_c(4, 5.0) == 1.0 and erlang_c(3, 0.0) == 0.0
    # Erlang C from Erlang B: C = B / (1 - (A/N)(1 - B)).
    b = erlang_b(12, 9.5)
    assert erlang_c(12, 9.5) == pytest.approx(b / (1 - 9.5 / 12 * (1 - b)), rel=1e-12)
    # The loss recursion B(n) = A B(n-1) / (n + A B(n-1)), far from where the formulas switch.
    traffic, recursive = 1500.0, 1.0
    for n in range(1, 201):
        recursive = traffic * recursive / (n + traffic * recursive)
    assert erlang_b(200, traffic) == pytest.approx(recursive, rel=1e-10)
    with pytest.raises(ValueError):
        erlang_b(2.5, 1.0)


def test_no_calls_and_no_advisors():
    quiet = queue_figures(0, 900, 300, [0, 3], 20, [np.inf, 600])
    assert np.all(quiet.service_level == 1) and np.all(quiet.asa_seconds == 0)
    assert np.all(quiet.waiting_probability == 0) and np.all(quiet.abandon_rate == 0)
    assert np.all(quiet.occupancy == 0)
    nobody = queue_figures(10, 900, 300, 0, 20, [np.inf, 600])
    assert np.all(nobody.service_level == 0) and np.all(np.isinf(nobody.asa_seconds))
    assert list(nobody.abandon_rate) == [0.0, 1.0]


# --- Erlang A against a birth-death chain built from first principles -------------------------


def chain_figures(lam, mu, theta, n, answer_seconds):
    """M/M/n+M by brute force: the stationary chain truncated far into its tail, and each waiting
    caller's journey as phases (one per caller ahead, who is served or gives up) racing the
    caller's own patience."""
    load, excess = lam / theta, max(0.0, (lam - n * mu) / theta)
    top = n + int(excess + 15 * math.sqrt(load + 1) + 60)
    k = np.arange(1, top + 1)
    deaths = np.where(k <= n, k * mu, n * mu + (k - n) * theta)
    log_pi = np.concatenate([[0.0], np.cumsum(np.log(lam) - np.log(deaths))])
    pi = np.exp(log_pi - logsumexp(log_pi))
    queue = np.arange(top - n + 1)  # callers waiting in states n .. top
    waiting = pi[n:]
    abandon = theta * np.sum(queue * waiting) / lam
    # An arrival finding n + j in the system has j callers ahead; phase i (callers ahead) ends at
    # rate n mu + i theta, or the caller gives up at rate theta.
    size = queue.size
    generator = np.diag(-(n * mu + queue * theta + theta)) + np.diag(n * mu + queue[1:] * theta, -1)
    served = np.zeros(size)
    served[0] = n * mu
    answered = -solve_triangular(generator, served, lower=True)
    mean_wait = solve_triangular(generator, -answered, lower=True)
    within = solve_triangular(generator, (expm(generator * answer_seconds) - np.eye(size)) @ served,
                              lower=True)
    nowait = pi[:n].sum()
    answered_after_wait = waiting @ answered
    return dict(
        waiting_probability=waiting.sum(),
        abandon_rate=abandon,
        service_level=nowait + waiting @ within,
        asa_seconds=(waiting @ mean_wait) / (nowait + answered_after_wait),
        occupancy=(lam / mu) * (1 - abandon) / n,
    )


CHAIN_CASES = [
    # calls in 15 min, AHT s, patience s, advisors, answer s
    (30, 510, 2400, 20, 120),  # housing voice line, just enough advisors
    (30, 510, 2400, 17, 120),  # critically loaded (17 Erlangs)
    (30, 510, 2400, 10, 120),  # overloaded: most callers wait, many give up
    (30, 510, 2400, 3, 20),  # heavily overloaded
    (60, 300, 30, 16, 20),  # impatient callers
    (9, 900, 36000, 12, 60),  # very patient callers, long calls
    (0.3, 600, 120, 1, 20),  # a quiet night line
    (3, 300, 600, 5, 20),  # far more advisors than calls
    (300, 300, 1200, 110, 20),  # 100 Erlangs
]


@pytest.mark.parametrize("case", CHAIN_CASES, ids=str)
def test_erlang_a_matches_the_birth_death_chain(case):
    calls, aht, patience, n, answer = case
    got = queue_figures(calls, 900, aht, n, answer, patience)
    want = chain_figures(calls / 900, 1 / aht, 1 / patience, n, answer)
    for name, value in want.items():
        assert float(getattr(got, name)) == pytest.approx(value, rel=1e-7, abs=1e-12), name


# Far from the chain's reach: patience of 1,000 handle times and up to 2,062 advisors. Values
# computed with mpmath at 40 digits by integrating the waiting-time density
# p_n x exp(-x v + y (1 - e^-v)) directly (no incomplete gamma functions), and checked against
# mpmath's confluent hypergeometric form. Columns: waiting_probability, service_level,
# abandon_rate, asa_seconds, occupancy.
HIGH_PRECISION = [
    # (calls in 15 min, AHT s, advisors, answer s, patience s), figures
    ((15000, 60, 1031, 60, 60000),
     (0.23551404443106178, 0.9999924187452514, 7.581254743856459e-06,
      0.45486410561866547, 0.9699247514502969)),
    ((255, 60, 21, 6, 60000),
     (0.2671415708939378, 0.8210166376834153, 6.662766996236488e-05,
      3.996930497180796, 0.809469872838602)),
    ((30000, 60, 2062, 600, 60000),
     (0.1097536160725848, 0.9999982316461055, 1.768353894540922e-06,
      0.1060997126729377, 0.9699303895694524)),
    ((15000, 60, 2000, 60, 60000),
     (3.0612380940085863e-170, 1.0, 3.0612289103524676e-176,
      1.8367355094814812e-171, 0.5)),
    ((15000, 60, 1111, 60, 60000),
     (0.000313859503107554, 0.9999999971729211, 2.8270788376942704e-09,
      0.0001696232029760959, 0.9000900064562747)),
    ((75, 60, 6, 12, 282),
     (0.48427504023226814, 0.6453232369350763, 0.05005843764854746,
      13.49803966309405, 0.7916179686262104)),
    ((30000, 60, 1500, 20, 3600),
     (1.0, 0.0, 0.25,
      1035.6354608634483, 1.0)),
]


@pytest.mark.parametrize("case, want", HIGH_PRECISION, ids=lambda c: str(c))
def test_erlang_a_matches_high_precision_values(case, want):
    calls, aht, agents, answer, patience = case
    got = queue_figures(calls, 900, aht, agents, answer, patience)
    names = ("waiting_probability", "service_level", "abandon_rate", "asa_seconds", "occupancy")
    for name, value in zip(names, want, strict=True):
        assert float(getattr(got, name)) == pytest.approx(value, rel=1e-8, abs=1e-300), name


def test_erlang_a_tends_to_erlang_c_as_patience_grows():
    agents = np.arange(11, 20)
    patient = queue_figures(100, 1800, 180, agents, 20, patience_seconds=1e9)
    never = queue_figures(100, 1800, 180, agents, 20)
    for name in ("waiting_probability", "service_level", "asa_seconds", "occupancy"):
        assert getattr(patient, name) == pytest.approx(getattr(never, name), rel=1e-5), name
    assert np.all(patient.abandon_rate < 1e-5)
    # and patience matters where it should: impatient callers abandon, the rest wait less
    hurried = queue_figures(100, 1800, 180, agents, 20, patience_seconds=60)
    assert np.all(hurried.abandon_rate > patient.abandon_rate)
    assert np.all(hurried.asa_seconds < never.asa_seconds)


def test_patience_may_mix_finite_and_infinite():
    mixed = queue_figures(30, 900, 510, 20, 120, [2400, np.inf])
    one = queue_figures(30, 900, 510, 20, 120, 2400)
    other = queue_figures(30, 900, 510, 20, 120)
    assert mixed.service_level[0] == one.service_level
    assert mixed.service_level[1] == other.service_level


# --- the whole range ---------------------------------------------------------------------------


@pytest.mark.parametrize("aht", [30.0, 510.0])
@pytest.mark.parametrize("patience", [1.0, 60.0, 2400.0, 14400.0, np.inf])
def test_finite_bounded_and_monotone_over_the_whole_range(aht, patience):
    agents = np.arange(0, 3001)[:, None]
    traffic = np.array([0.0, 1e-3, 0.4, 3.0, 17.0, 99.5, 730.0, 1999.0, 2000.0])[None, :]
    with np.errstate(divide="raise", over="raise", invalid="raise"):
        f = queue_figures(traffic * 900 / aht, 900, aht, agents, 20.0, patience)
    for name in ("waiting_probability", "service_level", "abandon_rate", "occupancy"):
        values = getattr(f, name)
        assert np.all(np.isfinite(values)) and values.min() >= 0 and values.max() <= 1, name
    asa = f.asa_seconds
    assert not np.isnan(asa).any() and np.all(asa >= 0)
    answerable = (agents > traffic) if np.isinf(patience) else (agents > 0)
    assert np.all(np.isfinite(asa[answerable | (traffic == 0)]))
    assert np.all(np.isinf(asa[~answerable & (traffic > 0)]))
    noise = 1e-9
    assert np.all(np.diff(f.service_level, axis=0) >= -noise)
    assert np.all(np.diff(f.waiting_probability, axis=0) <= noise)
    assert np.all(np.diff(f.abandon_rate, axis=0) <= noise)
    assert np.all(np.diff(f.occupancy, axis=0) <= noise)
    finite = np.isfinite(asa[:-1]) & np.isfinite(asa[1:])
    with np.errstate(invalid="ignore"):  # inf - inf where no call is answered
        steps = np.diff(asa, axis=0)
    assert np.all(steps[finite] <= noise * np.maximum(asa[:-1][finite], 1))
    # and the figures actually move: 2,000 Erlangs at 2,100 advisors is decent service
    row = agents[:, 0] == 2100
    assert f.service_level[row, -1] > 0.5
