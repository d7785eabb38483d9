from tests.factories import MONDAY, small_scenario


def test_small_scenario_starts_on_a_monday_and_spans_a_week():
    scenario = small_scenario()
    assert MONDAY.weekday() == 0
    assert scenario.settings.plan_days == 7
    assert scenario.settings.plan_end.weekday() == 6
    assert {c.name for c in scenario.channels} == {"voice", "email"}
