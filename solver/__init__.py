"""The CP-SAT rota model: builds and solves it from `planner` types. Never imports Qt."""
