"""Faults inside the planner: the details go to a log file of this run, never on screen.

Each run of the planner (each command, each window) writes its own log, named with the time it
started and its process, so two runs at once never overwrite each other's details.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from pathlib import Path

_STARTED = dt.datetime.now()


def fault_log() -> Path:
    """This run's fault log (not made until there is a fault to write)."""
    name = f"planner-error-{_STARTED:%Y%m%d-%H%M%S}-{os.getpid()}.log"
    return Path(tempfile.gettempdir()) / name


def log_fault(error: BaseException) -> str:
    """Add the details of a fault to this run's log; returns where (or that it could not)."""
    log = fault_log()
    try:
        with log.open("a", encoding="utf-8") as stream:
            stream.write(f"{dt.datetime.now():%Y-%m-%d %H:%M:%S}\n")
            stream.write("".join(traceback.format_exception(error)))
            stream.write("\n")
    except OSError:
        return "not written"
    return str(log)


def log_unraisable() -> None:
    """Errors Python cannot raise (a library's file closed while being collected, after a
    full disk, say) go to this run's log instead of printing a traceback."""

    def hook(unraisable) -> None:
        error = unraisable.exc_value or RuntimeError(str(unraisable.err_msg))
        log_fault(error)

    sys.unraisablehook = hook
