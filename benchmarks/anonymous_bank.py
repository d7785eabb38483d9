"""Read the 1999 "Anonymous Bank" call log into the planner's contact-log shape.

The log (Technion SEE lab, one row per call) is used only for trials; it is not part of the
project. Give its path on the command line:

    .venv/bin/python benchmarks/anonymous_bank.py LOG.tsv --out contacts.csv

The log is tab-separated with CRLF line endings and the header
`vru+line call_id customer_id priority type date vru_entry vru_exit vru_time q_start q_exit
q_time outcome ser_start ser_exit ser_time server`. Dates are YYMMDD, times H:MM:SS on that
date, and `0:00:00` means the step did not happen. `q_time` is seconds queued, `ser_time`
seconds with an advisor. Outcomes: AGENT (answered), HANG (abandoned), PHANTOM (dropped: not a
real caller). Rows with a negative `vru_time` are data errors and are dropped.

A call arrives (for the planner) when it joins the queue (`q_start`); a call that reached an
advisor without queueing arrives at `ser_start`; a call that did neither (hung up in the voice
menu) arrives at `vru_exit`. Those menu hang-ups are kept as abandoned with a wait of 0 s unless
`vru_hangups=False`; the planner's history reader leaves zero waits out of patience.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

COLUMNS = ("arrived_at", "channel", "wait_seconds", "handle_seconds", "outcome", "server")
_NOT_HAPPENED = "0:00:00"
_DAY = 86_400


def _seconds(times: pd.Series) -> pd.Series:
    """H:MM:SS text as seconds after midnight (NaN where the step did not happen)."""
    parts = times.str.strip().str.split(":", expand=True).astype(float)
    seconds = parts[0] * 3600 + parts[1] * 60 + parts[2]
    return seconds.where(times.str.strip() != _NOT_HAPPENED)


def read_calls(path: str | Path, vru_hangups: bool = True) -> pd.DataFrame:
    """The log's calls as a frame with columns arrived_at (datetime64), channel ("voice"),
    wait_seconds, handle_seconds (float), outcome ("answered" or "abandoned") and server (the
    advisor's name or NO_SERVER), sorted by arrival. PHANTOM calls and rows with a negative
    vru_time are dropped; so are menu hang-ups when `vru_hangups` is False."""
    raw = pd.read_csv(path, sep="\t", dtype=str, lineterminator="\n", keep_default_na=False)
    raw.columns = [c.strip() for c in raw.columns]
    raw = raw.apply(lambda col: col.str.strip())
    outcome = raw["outcome"].str.upper()
    vru_time = pd.to_numeric(raw["vru_time"], errors="coerce")
    keep = outcome.isin(["AGENT", "HANG"]) & (vru_time >= 0)
    raw, outcome = raw[keep], outcome[keep]

    date = pd.to_datetime(raw["date"], format="%y%m%d")
    entry = _seconds(raw["vru_entry"])
    queued = _seconds(raw["q_start"])
    served = _seconds(raw["ser_start"])
    arrival = queued.fillna(served).fillna(_seconds(raw["vru_exit"])).fillna(entry)
    # A call that entered the menu late in the evening may queue after midnight.
    arrival = arrival + np.where(arrival < entry - _DAY / 2, _DAY, 0)
    arrived_at = date + pd.to_timedelta(arrival, unit="s")

    answered = outcome == "AGENT"
    frame = pd.DataFrame(
        {
            "arrived_at": arrived_at.to_numpy(),
            "channel": "voice",
            "wait_seconds": pd.to_numeric(raw["q_time"]).clip(lower=0).astype(float).to_numpy(),
            "handle_seconds": np.where(answered, pd.to_numeric(raw["ser_time"]), 0.0).astype(
                float
            ),
            "outcome": np.where(answered, "answered", "abandoned"),
            "server": raw["server"].replace("", "NO_SERVER").to_numpy(),
        }
    )
    if not vru_hangups:
        menu_only = (~answered & queued.isna()).to_numpy()
        frame = frame[~menu_only]
    return frame.sort_values("arrived_at", kind="stable").reset_index(drop=True)[list(COLUMNS)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log", type=Path, help="the Anonymous Bank call log (.tsv)")
    parser.add_argument("--out", type=Path, required=True, help="contact-log CSV to write")
    parser.add_argument(
        "--no-vru-hangups",
        action="store_true",
        help="leave out callers who hung up in the voice menu before queueing",
    )
    args = parser.parse_args(argv)
    try:
        calls = read_calls(args.log, vru_hangups=not args.no_vru_hangups)
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: {args.log}: cannot read the call log: {exc}", file=sys.stderr)
        return 2
    out = calls.drop(columns=["server"]).copy()
    out["arrived_at"] = out["arrived_at"].dt.strftime("%Y-%m-%dT%H:%M:%S")
    out.to_csv(args.out, index=False)
    print(f"{len(out)} calls written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
