"""The one nesting and NUL rule of every JSON input, and how cheap it is for a usual event."""

from __future__ import annotations

from typing import Any

from backend.input_limits import MAX_JSON_DEPTH, json_problem


def nested(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = {"a": value}
    return value


def test_exactly_the_limit_passes_one_more_level_is_named() -> None:
    assert json_problem(nested(MAX_JSON_DEPTH)) is None
    problem = json_problem(nested(MAX_JSON_DEPTH + 1))
    assert problem is not None
    assert problem.field == ".".join(["a"] * MAX_JSON_DEPTH)
    assert problem.message == "is nested deeper than 32 levels"


def test_arrays_count_as_levels_and_name_their_index() -> None:
    value: Any = [1]
    for _ in range(MAX_JSON_DEPTH):
        value = [0, value]
    problem = json_problem({"data": value}, "events.2")
    assert problem is not None
    assert problem.field.startswith("events.2.data.1.1.")


def test_nul_in_a_key_or_a_value_is_named() -> None:
    assert json_problem({"data": {"ok": ["a", "b\x00"]}}) == json_problem({"data": {"ok": ["a", "b\x00"]}})
    value_problem = json_problem({"data": {"ok": ["a", "b\x00"]}})
    assert value_problem is not None
    assert value_problem.field == "data.ok.1"
    key_problem = json_problem({"data": {"k\x00": 1}})
    assert key_problem is not None
    assert key_problem.field == "data.k\\u0000"
    top = json_problem("\x00")
    assert top is not None
    assert top.field == "body"


def test_usual_values_pass() -> None:
    event = {"type": "order placed", "profileId": "p-1", "data": {"order": {"items": [{"sku": "a"}], "total": 1.5}}}
    assert json_problem(event) is None
    assert json_problem([None, True, 1, 2.5, "text", {}, []]) is None
