"""The desktop window: the only part of the planner that draws on screen."""
