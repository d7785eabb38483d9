"""One module per `planner` subcommand.

Each has `add_parser(commands)`, which declares it, and `run(args)`, which does it and returns the
exit code.
"""
