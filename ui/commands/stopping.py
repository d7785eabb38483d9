"""Ctrl-C and the stop signal: the first asks for a stop and keeps the work, the second quits.

A team leader who presses Ctrl-C in the last seconds of a solve, or a scheduler that sends the
stop signal (SIGTERM) to a long run, gets the best rota found so far, written whole. Only a
second Ctrl-C or stop signal quits at once, and then the file that was there before is left as
it was (every save is atomic).

Python runs signal handlers on the main thread only, between its own steps, so long work runs
on a worker thread (`in_background`) while the main thread waits where a signal can reach it.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
EXIT_STOPPED = 130
SIGNALS = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None)


class StopAsked:
    """Whether a stop was asked for, and what to tell the person when it is."""

    def __init__(self, saying: str):
        self.event = threading.Event()
        self.saying = saying

    def __call__(self) -> bool:
        return self.event.is_set()

    def say(self, saying: str) -> None:
        """What the first stop will keep, as the work moves on (searching, then writing)."""
        self.saying = saying


@contextmanager
def stops(saying: str) -> Iterator[StopAsked]:
    """While inside, the first Ctrl-C or stop signal sets the stop and says `saying` (what will
    be kept); a second raises KeyboardInterrupt, which quits without finishing. Off the main
    thread (where signals cannot be caught) the stop is only ever asked for by the caller."""
    asked = StopAsked(saying)
    if threading.current_thread() is not threading.main_thread():
        yield asked
        return

    def on_signal(signum, frame) -> None:
        if asked.event.is_set():
            raise KeyboardInterrupt
        asked.event.set()
        print(f"Stopping: {asked.saying} (press Ctrl-C again to quit at once without it).",
              file=sys.stderr, flush=True)

    previous = {number: signal.signal(number, on_signal) for number in SIGNALS}
    try:
        yield asked
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def in_background(work: Callable[[], T], what: str) -> T:
    """Run `work` on a worker thread and wait for it where Ctrl-C can reach this thread.

    If a second Ctrl-C quits while the work is still running, the process ends at once (a
    native search cannot be interrupted mid-step, and must not be left running while Python
    shuts down), saying `what` was not finished.
    """
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
            outcome["error"] = error

    worker = threading.Thread(target=target, name="planner-work", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except KeyboardInterrupt:
        print(f"planner: stopped at once; {what}.", file=sys.stderr, flush=True)
        sys.stderr.flush()
        sys.stdout.flush()
        os._exit(EXIT_STOPPED)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
