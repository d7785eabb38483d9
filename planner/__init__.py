"""The planning core: the scenario, loading and saving it, staffing maths and checks.

Pure Python: never imports Qt or OR-Tools.
"""
