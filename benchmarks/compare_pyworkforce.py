"""Compare planner.erlang with pyworkforce 0.5.4 (MIT) on the same generated intervals.

Creates benchmarks/.venv-pyworkforce (git-ignored) with `pip install pyworkforce==0.5.4` if it is
missing; pyworkforce 0.5.4 needs Python 3.12 or newer, so a python3.12+ must be on PATH (or under
~/.pyenv). Then, for every interval with calls in bench_staffing's four generated weeks (voice,
repairs, chat and reception, all taken as Erlang C), it works out:
- service level, waiting probability and occupancy at the same number of advisors (ours);
- the raw advisors each needs for the channel's service level and occupancy cap;
and prints the largest differences and both timings. pyworkforce's ErlangC gives no average wait,
so ASA is not compared. With --erlang-a N it also compares Erlang A (pyworkforce's ErlangA sums
the birth-death chain directly) on N of the intervals.

    .venv/bin/python benchmarks/compare_pyworkforce.py [--erlang-a 150]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_staffing import generated_scenario  # noqa: E402

from planner.demand import demand_grid  # noqa: E402
from planner.erlang import queue_figures  # noqa: E402
from planner.staffing import Target, required_agents  # noqa: E402

VENV = HERE / ".venv-pyworkforce"
PACKAGE = "pyworkforce==0.5.4"

# Runs inside pyworkforce's environment: inputs as JSON on stdin, answers as JSON on stdout.
PYWORKFORCE_SCRIPT = r"""
import json, sys, time
from pyworkforce.queuing import ErlangA, ErlangC
job = json.load(sys.stdin)
out = {"erlang_c": [], "erlang_a": []}
started = time.perf_counter()
for r in job["erlang_c"]:
    e = ErlangC(transactions=r["volume"], aht=r["aht"] / 60, asa=r["answer"] / 60,
                interval=r["interval"] / 60)
    n = r["agents"]
    need = e.required_positions(service_level=r["service_level"],
                                max_occupancy=r["max_occupancy"])
    out["erlang_c"].append([e.service_level(n), e.waiting_probability(n), e.achieved_occupancy(n),
                            need["raw_positions"]])
out["erlang_c_seconds"] = time.perf_counter() - started
started = time.perf_counter()
for r in job["erlang_a"]:
    e = ErlangA(transactions=r["volume"], aht=r["aht"] / 60, asa=r["answer"] / 60,
                interval=r["interval"] / 60, patience=r["patience"] / 60)
    n = r["agents"]
    out["erlang_a"].append([e.service_level(n), e.waiting_probability(n),
                            e.abandonment_probability(n), e.achieved_occupancy(n)])
out["erlang_a_seconds"] = time.perf_counter() - started
print(json.dumps(out))
"""


def find_python() -> str | None:
    """A Python 3.12 or newer to build pyworkforce's environment with."""
    candidates = [sys.executable, shutil.which("python3.13"), shutil.which("python3.12"),
                  shutil.which("python3")]
    candidates += sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.1[2-9]*/bin/python3")))
    for candidate in candidates:
        if not candidate:
            continue
        check = subprocess.run([candidate, "-c", "import sys; print(sys.version_info >= (3, 12))"],
                               capture_output=True, text=True)
        if check.returncode == 0 and check.stdout.strip() == "True":
            return candidate
    return None


def ensure_venv() -> Path | None:
    python = VENV / "bin" / "python"
    if python.exists():
        done = subprocess.run([python, "-c", "import pyworkforce"], capture_output=True)
        if done.returncode == 0:
            return python
    base = find_python()
    if base is None:
        print(f"{PACKAGE} needs Python 3.12 or newer and none was found: skipping the comparison")
        return None
    print(f"creating {VENV.relative_to(HERE.parent)} with {base} and installing {PACKAGE} ...")
    subprocess.run([base, "-m", "venv", str(VENV)], check=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet", PACKAGE], check=True)
    return python


def generated_intervals():
    """Every interval with calls on the generated scenario's live channels."""
    scenario = generated_scenario()
    grid = demand_grid(scenario)
    interval = scenario.settings.interval_minutes * 60.0
    rows = []
    for k, channel in enumerate(grid.channels):
        if not channel.kind.is_live:
            continue
        volume, aht = grid.volume[:, :, k].ravel(), grid.aht_seconds[:, :, k].ravel()
        busy = volume > 0
        for v, a in zip(volume[busy], aht[busy], strict=True):
            rows.append(dict(channel=str(channel.name), volume=float(v), aht=float(a),
                             interval=interval,
                             answer=channel.target_answer_seconds,
                             service_level=channel.service_level_target,
                             max_occupancy=channel.max_occupancy or 1.0,
                             patience=channel.patience_seconds or 1800.0))
    return rows


def ours(rows, runs: int):
    column = {key: np.array([r[key] for r in rows]) for key in rows[0]}
    targets = {r["channel"]: Target(service_level=r["service_level"], answer_seconds=r["answer"],
                                    max_occupancy=r["max_occupancy"]) for r in rows}

    def work():
        agents = np.zeros(len(rows), dtype=int)
        for channel, target in targets.items():
            part = column["channel"] == channel
            agents[part], _ = required_agents(column["volume"][part], column["interval"][part],
                                              column["aht"][part], target)
        figures = queue_figures(column["volume"], column["interval"], column["aht"], agents,
                                column["answer"])
        return agents, figures

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        agents, figures = work()
        times.append(time.perf_counter() - started)
    return agents, figures, statistics.median(times), column


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of ours; median shown")
    parser.add_argument("--erlang-a", type=int, default=0, metavar="N",
                        help="also compare Erlang A on N intervals (pyworkforce's is slow)")
    args = parser.parse_args(argv)

    python = ensure_venv()
    if python is None:
        return 0
    rows = generated_intervals()
    agents, figures, our_seconds, column = ours(rows, args.runs)
    job = {"erlang_c": [dict(r, agents=int(n)) for r, n in zip(rows, agents, strict=True)]}
    sample = np.linspace(0, len(rows) - 1, min(args.erlang_a, len(rows))).astype(int)
    job["erlang_a"] = [dict(rows[i], agents=max(1, int(agents[i]) - 2)) for i in sample]
    done = subprocess.run([python, "-c", PYWORKFORCE_SCRIPT], input=json.dumps(job),
                          capture_output=True, text=True, check=True)
    theirs = json.loads(done.stdout)
    c = np.array(theirs["erlang_c"])

    traffic = column["volume"] * column["aht"] / column["interval"]
    print(f"{len(rows)} intervals with calls (4 weeks, voice + repairs + chat + reception, "
          f"all as Erlang C), traffic {traffic.min():.2f} to {traffic.max():.1f} Erlangs")
    print(f"{'Erlang C at the same advisors':<44}{'max abs difference':>20}")
    for name, mine, index in (("service level", figures.service_level, 0),
                              ("waiting probability", figures.waiting_probability, 1),
                              ("occupancy", figures.occupancy, 2)):
        print(f"  {name:<42}{np.max(np.abs(mine - c[:, index])):>20.2e}")
    print("  average wait (ASA)                        not given by pyworkforce's ErlangC")
    differ = np.flatnonzero(agents != c[:, 3])
    print(f"required raw advisors: same in {len(rows) - differ.size} of {len(rows)} intervals")
    for i in differ[:5]:
        traffic = rows[i]["volume"] * rows[i]["aht"] / rows[i]["interval"]
        print(f"  traffic {traffic:.3f} Erlangs: ours {agents[i]}, pyworkforce {int(c[i, 3])} "
              f"(pyworkforce starts its search at round(traffic + 1) = {round(traffic + 1)})")
    print(f"{'time, ours (required advisors + figures)':<44}{our_seconds:>12.4f} s")
    print(f"{'time, pyworkforce (same work, in its process)':<44}"
          f"{theirs['erlang_c_seconds']:>12.4f} s")

    if theirs["erlang_a"]:
        a = np.array(theirs["erlang_a"])
        pick = [rows[i] for i in sample]
        mine = queue_figures([r["volume"] for r in pick], [r["interval"] for r in pick],
                             [r["aht"] for r in pick], [max(1, int(agents[i]) - 2) for i in sample],
                             [r["answer"] for r in pick], [r["patience"] for r in pick])
        print(f"Erlang A on {len(pick)} intervals, 2 advisors below the Erlang C answer:")
        for name, values, index in (("service level", mine.service_level, 0),
                                    ("waiting probability", mine.waiting_probability, 1),
                                    ("abandonment", mine.abandon_rate, 2),
                                    ("occupancy", mine.occupancy, 3)):
            print(f"  {name:<42}{np.max(np.abs(values - a[:, index])):>20.2e}")
        print(f"{'time, pyworkforce ErlangA':<44}{theirs['erlang_a_seconds']:>12.4f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
