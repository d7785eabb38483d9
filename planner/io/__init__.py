"""Scenario files: loading a workbook or CSV folder with every problem found, saving, template.

    result = load_scenario("march.xlsx")      # never raises for a bad file
    if result.ok:
        save_scenario(result.scenario, "march-copy.xlsx")
    else:
        for problem in result.errors:
            print(problem)
"""

from planner.io.atomic import atomic_write
from planner.io.reading import LoadResult, load_scenario
from planner.io.template import write_template
from planner.io.workbook import is_rota_workbook
from planner.io.writing import save_scenario

__all__ = ["LoadResult", "atomic_write", "is_rota_workbook", "load_scenario", "save_scenario",
           "write_template"]
