"""Validate's type table and may-be-missing warnings for action mappings (pure: no database)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import msgspec
import pytest

from backend.db.tables import CustomActionRow
from backend.journeys.catalog import ActionInfo, Catalog, EventTypeInfo, Variable, action_info
from backend.journeys.definition import Definition
from backend.journeys.problems import Problem
from backend.journeys.validation import validate_definition

EVENT_TYPE, ACTION = uuid.uuid4(), uuid.uuid4()
TYPES = {
    "text": "string",
    "count": "integer",
    "total": "decimal",
    "flag": "boolean",
    "at": "dateTime",
    "cart": "object",
    "tags": "array",
    "note": "string",
}
ALL_TYPES = ("string", "integer", "decimal", "boolean", "dateTime", "object", "array")


def catalog(variable_type: str, required: bool = True) -> Catalog:
    """One event type with a field of every type (all required but ``note``) and an action with ``Amount``."""
    event = EventTypeInfo(EVENT_TYPE, "Cart", frozenset(TYPES), TYPES, frozenset(TYPES) - {"note"})
    action = ActionInfo(
        ACTION, "Charge", (Variable("payload", "amount", required, variable_type, "Amount"),), frozenset()
    )
    return Catalog(event_types={EVENT_TYPE: event}, actions={ACTION: action})


def journey(mapping: dict[str, Any], entry_filter: dict[str, Any] | None = None) -> Definition:
    """event -> charge -> end, with ``mapping`` for the Amount variable."""
    position = {"x": 0, "y": 0}
    raw = {
        "nodes": [
            {"id": "in", "type": "event", "position": position, "eventTypeId": str(EVENT_TYPE), "filter": entry_filter},
            {
                "id": "charge",
                "type": "action",
                "position": position,
                "actionId": str(ACTION),
                "mappings": {"payload": {"amount": mapping}},
            },
            {"id": "out", "type": "end", "position": position},
        ],
        "edges": [
            {"id": "1", "source": "in", "target": "charge"},
            {"id": "2", "source": "charge", "target": "out", "sourceHandle": "success"},
        ],
    }
    return msgspec.convert(raw, Definition)


def check(mapping: dict[str, Any], variable_type: str, required: bool = True) -> list[Problem]:
    return validate_definition(journey(mapping), catalog(variable_type, required))


# (source type, variable type) pairs that work at run time; every other pair of ALL_TYPES is a problem.
FINE = {
    *((t, t) for t in ALL_TYPES),
    ("integer", "decimal"),
    *((t, "string") for t in ("integer", "decimal", "boolean", "dateTime")),
    ("string", "dateTime"),
}
FIELD_OF = {v: k for k, v in TYPES.items() if k != "note"}


@pytest.mark.parametrize("variable_type", ALL_TYPES)
@pytest.mark.parametrize("source_type", ALL_TYPES)
def test_the_type_table_of_field_mappings(source_type: str, variable_type: str) -> None:
    found = check({"source": "field", "field": f"event.{FIELD_OF[source_type]}"}, variable_type)
    if (source_type, variable_type) in FINE:
        assert found == []
    else:
        assert [(p.severity, p.node_id, p.mapping) for p in found] == [("error", "charge", "payload.amount")]
        assert f"event.{FIELD_OF[source_type]}" in found[0].message
        assert found[0].message.startswith("Amount expects ")


def test_a_decimal_field_for_an_integer_says_how_to_fix_it() -> None:
    [problem] = check({"source": "field", "field": "event.total"}, "integer")
    assert problem.message == (
        "Amount expects an integer, but event.total is a decimal: map a whole-number field, "
        "or ask a technical user to make Amount a decimal"
    )


@pytest.mark.parametrize("variable_type", ["integer", "decimal", "boolean", "object", "array"])
def test_a_template_gives_text_so_only_text_variables_take_it(variable_type: str) -> None:
    [problem] = check({"source": "template", "template": "{{ event.total }}"}, variable_type)
    assert problem.severity == "error"
    assert problem.message.endswith("but a template always gives text: use a field mapping")


@pytest.mark.parametrize("variable_type", ["string", "dateTime", "any"])
def test_a_template_suits_text_variables(variable_type: str) -> None:
    assert check({"source": "template", "template": "{{ event.total }} EUR"}, variable_type) == []


@pytest.mark.parametrize(
    ("value", "variable_type", "fine"),
    [
        (3, "integer", True),
        ("3", "integer", True),
        (3.5, "integer", False),
        ("abc", "decimal", False),
        (3, "decimal", True),
        ("yes", "boolean", False),
        (True, "boolean", True),
        ("2026-12-01T10:00:00Z", "dateTime", True),
        ("tomorrow", "dateTime", False),
        ({"a": 1}, "object", True),
        ([1], "object", False),
        ([1], "array", True),
        (7, "string", True),
    ],
)
def test_constants_are_parsed_and_checked(value: Any, variable_type: str, fine: bool) -> None:
    found = check({"source": "constant", "value": value}, variable_type)
    assert (found == []) is fine
    if not fine:
        assert found[0].message.startswith("Amount expects a")
        assert found[0].message.endswith(f"but the constant {json.dumps(value)} is not one")


def test_profile_attributes_are_not_type_checked_but_may_be_missing() -> None:
    [warning] = check({"source": "field", "field": "profile.plan"}, "integer")
    assert warning.severity == "warning"
    assert "not every profile has this attribute" in warning.message


def test_an_optional_event_field_for_a_required_text_variable_suggests_a_default() -> None:
    [warning] = check({"source": "field", "field": "event.note"}, "string")
    assert (warning.severity, warning.mapping) == ("warning", "payload.amount")
    assert warning.message == (
        "Amount is required, but event.note may be missing (the event type does not mark it required), "
        'and then the call fails: use a template with a default, e.g. {{ event.note | default: "…" }}'
    )


def test_no_warning_for_an_optional_variable_or_a_template_with_a_default() -> None:
    assert check({"source": "field", "field": "event.note"}, "string", required=False) == []
    assert check({"source": "template", "template": '{{ event.note | default: "-" }}'}, "string") == []
    [warning] = check({"source": "template", "template": "Note: {{ event.note }}"}, "string")
    assert warning.severity == "warning"


@pytest.mark.parametrize(
    ("field", "variable_type"),
    [
        ("profile.id", "string"),
        ("journey.id", "string"),
        ("journey.versionId", "string"),
        ("journey.name", "string"),
        ("journey.version", "integer"),
        ("journey.instanceId", "string"),
    ],
)
def test_context_fields_are_accepted_typed_and_always_there(field: str, variable_type: str) -> None:
    assert check({"source": "field", "field": field}, variable_type) == []


def test_the_instance_id_does_not_exist_when_the_entry_filter_runs() -> None:
    entry_filter = {"rules": [{"field": "journey.instanceId", "operator": "exists"}]}
    found = validate_definition(journey({"source": "constant", "value": 1}, entry_filter), catalog("integer"))
    assert [(p.node_id, p.message) for p in found] == [
        ("in", "filter: journey.instanceId does not exist yet when the entry filter runs")
    ]


def test_lists_are_checked_by_the_type_of_their_items() -> None:
    event = EventTypeInfo(
        EVENT_TYPE,
        "Cart",
        frozenset({"skus", "skus.0", "prices", "prices.0"}),
        {"skus": "array", "skus.0": "string", "prices": "array", "prices.0": "decimal"},
        frozenset({"skus", "prices"}),
    )
    variable = Variable("payload", "amounts", True, "array", "Amounts", item_type="decimal")
    action = ActionInfo(ACTION, "Charge", (variable,), frozenset())
    shapes = Catalog(event_types={EVENT_TYPE: event}, actions={ACTION: action})
    mapping = {"source": "field", "field": "event.skus"}
    raw = msgspec.to_builtins(journey({"source": "constant", "value": 1}))
    raw["nodes"][1]["mappings"] = {"payload": {"amounts": mapping}}
    [problem] = validate_definition(msgspec.convert(raw, Definition), shapes)
    assert problem.message == (
        "Amounts expects a list of numbers, but event.skus is a list of texts: map a list of numbers, "
        "or ask a technical user to change the items of Amounts"
    )
    raw["nodes"][1]["mappings"]["payload"]["amounts"]["field"] = "event.prices"
    assert validate_definition(msgspec.convert(raw, Definition), shapes) == []


def test_the_catalog_reads_type_label_and_item_type_of_each_variable() -> None:
    row = CustomActionRow(
        name="Charge",
        name_key="charge",
        method="POST",
        url="http://127.0.0.1:9/charge",
        request_payload={
            "example": {"amounts": [1.5], "note": "n"},
            "fields": [
                {"path": "amounts", "kind": "variable", "type": "array", "label": "Amounts", "required": True},
                {"path": "note", "kind": "variable", "type": "string", "required": False},
            ],
        },
        response_payload={"example": {"total": 3, "paid": 2.0}},
    )
    info = action_info(row)
    assert info.variables == (
        Variable("payload", "amounts", True, "array", "Amounts", item_type="decimal"),
        Variable("payload", "note", False, "string", ""),
    )
    assert info.response_types == {"total": "integer", "paid": "decimal"}
