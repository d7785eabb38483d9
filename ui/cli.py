"""The `planner` command: one entry point, a subcommand per job a team leader or manager does.

Exit codes: 0 fine, 2 bad input or a file that cannot be written (the problems are listed), 1 a
bug in the planner (a short message; the details go to this run's log file, never a traceback on
screen), 130 stopped at once by a second Ctrl-C.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from importlib import import_module

EXIT_OK = 0
EXIT_BUG = 1
EXIT_BAD_INPUT = 2
EXIT_STOPPED = 130
EXIT_PIPE_CLOSED = 141  # as a shell reports a command whose reader went away (128 + SIGPIPE)

# In the order `planner --help` lists them. Each is loaded when the parser is built, not when
# this module is, so that the stop signal is caught from the first moment of a run.
COMMANDS = ("template", "validate", "erlang", "staffing", "forecast", "solve", "compare",
            "check", "explain", "simulate", "import_curtois", "gui")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description=(
            "Plan contact-centre staffing and back-office caseload from a scenario workbook: "
            "demand curves, case queues, staff, shift patterns, absences, rules and targets."
        ),
        epilog=(
            "Run 'planner COMMAND --help' for the options of one command. Exit codes: 0 done, "
            "2 bad input (every problem is listed), 1 a fault in the planner."
        ),
    )
    parser.add_argument("--version", action="version", version=f"planner {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        import_module(f"ui.commands.{name}").add_parser(commands)
    return parser


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("caseload-planner")
    except metadata.PackageNotFoundError:
        return "(not installed)"


def _report_bug(error: BaseException) -> None:
    from ui.faults import log_fault

    log = log_fault(error)
    where = f" Details were written to {log}." if log != "not written" else ""
    print(
        f"planner: something went wrong inside the planner ({type(error).__name__}: {error})."
        f"{where} Please report it with the scenario that caused it.",
        file=sys.stderr,
    )


def main(argv: list[str] | None = None) -> int:
    from ui.faults import log_unraisable

    _stop_signal_as_ctrl_c()
    log_unraisable()
    command = "command"
    try:
        args = build_parser().parse_args(argv)
        command = args.command
        code = args.run(args)
        sys.stdout.flush()  # here, so that a reader gone away is met below, not at exit
        return code
    except KeyboardInterrupt:
        print("planner: stopped at once; any file being written was left as it was before.",
              file=sys.stderr)
        return EXIT_STOPPED
    except BrokenPipeError:
        # The output was piped to a command that stopped reading (`planner check R | head`):
        # nothing is wrong, and nothing more can be said.
        _quiet_stdout()
        return EXIT_PIPE_CLOSED
    except Exception as error:  # noqa: BLE001 - the last line of defence: never a traceback
        from planner.io.atomic import WriteFailed  # here: loading it takes a moment

        if isinstance(error, WriteFailed):
            print(f"planner {command}: {error}.", file=sys.stderr)
            return EXIT_BAD_INPUT
        _report_bug(error)
        return EXIT_BUG


def _quiet_stdout() -> None:
    """Point standard output at nothing, so the exit's flush cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _stop_signal_as_ctrl_c() -> None:
    """The stop signal (SIGTERM, sent by a scheduler or `kill`) ends a command as Ctrl-C does,
    with a word said and no file left half-written; `planner solve` catches both itself."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
            signal, "SIGTERM"):
        return

    def interrupt(signum, frame) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


if __name__ == "__main__":
    sys.exit(main())
