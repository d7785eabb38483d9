"""How breaches are worded for a team leader: the planner's one set of spellings (planner.words),
under the names the checker's rules import."""

from __future__ import annotations

from planner.words import clock, count, day, hours, number, span, who

__all__ = ["clock", "count", "day", "hours", "number", "span", "who"]
