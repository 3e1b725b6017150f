"""Every journey validation rule, each with a failing and a passing case (pure: no database)."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
import pytest

from backend.journeys.catalog import ActionInfo, Catalog, EventTypeInfo, Variable
from backend.journeys.definition import Definition
from backend.journeys.graph import entry_node, next_node_id
from backend.journeys.problems import blocking
from backend.journeys.validation import Problem, validate_definition

EVENT_TYPE = uuid.uuid4()
ACTION = uuid.uuid4()
SCORE = uuid.uuid4()
EVENT_FIELDS = frozenset({"email", "order", "order.total", "order.items", "order.items.0.sku"})
CATALOG = Catalog(
    event_types={
        EVENT_TYPE: EventTypeInfo(
            EVENT_TYPE,
            "Order placed",
            EVENT_FIELDS,
            required=EVENT_FIELDS,  # every event has them: the may-be-missing warnings are tested in test_mapping_types
        )
    },
    actions={
        ACTION: ActionInfo(
            ACTION,
            "Send mail",
            (
                Variable("headers", "X-Id", True),
                Variable("queryParameters", "lang", False),
                Variable("payload", "to", True),
            ),
            frozenset(),
        ),
        SCORE: ActionInfo(SCORE, "Score", (), frozenset({"data", "data.score", "id"})),
    },
)


def node(node_id: str, kind: str, **config: Any) -> dict[str, Any]:
    return {"id": node_id, "type": kind, "position": {"x": 0, "y": 0}, **config}


def edge(source: str, target: str, handle: str = "next") -> dict[str, Any]:
    return {"id": f"{source}-{handle}-{target}", "source": source, "target": target, "sourceHandle": handle}


def mail(to: Any = None, **extra: Any) -> dict[str, Any]:
    """Mappings of the "Send mail" action with both required variables set."""
    to = to or {"source": "field", "field": "event.email"}
    return {"headers": {"X-Id": {"source": "constant", "value": "1"}}, "payload": {"to": to}, **extra}


def base() -> dict[str, Any]:
    """event -> condition (big | otherwise); big -> score -> wait -> mail -> end; otherwise -> end."""
    rule = {"field": "event.order.total", "operator": "greaterThan", "value": 100}
    return {
        "nodes": [
            node("e", "event", eventTypeId=str(EVENT_TYPE)),
            node("c", "condition", branches=[{"id": "big", "when": {"rules": [rule]}}]),
            node("s", "action", actionId=str(SCORE)),
            node("w", "wait", durationSeconds=60),
            node("m", "action", actionId=str(ACTION), mappings=mail()),
            node("end", "end"),
            node("end2", "end"),
        ],
        "edges": [
            edge("e", "c"),
            edge("c", "s", "big"),
            edge("c", "end2", "otherwise"),
            edge("s", "w", "success"),
            edge("w", "m"),
            edge("m", "end", "success"),
        ],
    }


def problems(raw: dict[str, Any]) -> list[Problem]:
    return validate_definition(msgspec.convert(raw, Definition), CATALOG)


def find(raw: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(n for n in raw["nodes"] if n["id"] == node_id)


def assert_problem(raw: dict[str, Any], node_id: str | None, text: str) -> None:
    found = problems(raw)
    assert any(p.node_id == node_id and text in p.message for p in found), found


def test_the_base_journey_is_valid() -> None:
    assert problems(base()) == []


def test_a_journey_without_an_event_has_a_problem() -> None:
    raw = {"nodes": [node("end", "end")], "edges": []}
    assert_problem(raw, None, "exactly one entry event")


def test_a_second_event_node_is_a_problem() -> None:
    raw = base()
    raw["nodes"].append(node("e2", "event", eventTypeId=str(EVENT_TYPE)))
    raw["edges"].append(edge("e2", "end2"))
    assert_problem(raw, "e2", "only one entry event")


def test_the_event_needs_an_existing_event_type() -> None:
    raw = base()
    find(raw, "e")["eventTypeId"] = None
    assert_problem(raw, "e", "choose the event type")
    find(raw, "e")["eventTypeId"] = str(uuid.uuid4())
    assert_problem(raw, "e", "does not exist")


def test_unreachable_nodes_are_problems() -> None:
    raw = base()
    raw["nodes"].append(node("lost", "wait", durationSeconds=5))
    raw["edges"].append(edge("lost", "end"))
    assert_problem(raw, "lost", "cannot be reached")


def test_loops_are_problems() -> None:
    raw = base()
    raw["edges"] = [e for e in raw["edges"] if e["source"] != "m"]
    raw["edges"].append(edge("m", "w", "success"))
    assert_problem(raw, "w", "loop")


def test_a_path_must_end_in_an_end_node() -> None:
    raw = base()
    raw["edges"] = [e for e in raw["edges"] if e["source"] != "m"]
    assert_problem(raw, "m", "path stops here")


def test_every_output_is_connected_exactly_once() -> None:
    raw = base()
    raw["edges"] = [e for e in raw["edges"] if e["sourceHandle"] != "otherwise"]
    assert_problem(raw, "c", "output 'otherwise' is not connected")
    raw = base()
    raw["edges"].append({**edge("e", "end2"), "id": "twice"})
    assert_problem(raw, "e", "connected more than once")


def test_the_error_output_exists_only_with_error_path() -> None:
    raw = base()
    raw["edges"].append(edge("m", "end2", "error"))
    assert_problem(raw, "m", "no output 'error'")
    find(raw, "m")["errorPath"] = True
    assert problems(raw) == []
    raw["edges"].pop()
    assert_problem(raw, "m", "output 'error' is not connected")


def test_edges_must_join_existing_nodes() -> None:
    raw = base()
    raw["edges"].append(edge("ghost", "end"))
    assert_problem(raw, None, "unknown node 'ghost'")
    raw = base()
    raw["edges"][-1]["target"] = "nowhere"
    assert_problem(raw, "m", "unknown node 'nowhere'")


def test_no_edge_may_enter_the_event_node() -> None:
    raw = base()
    raw["edges"] = [e for e in raw["edges"] if e["sourceHandle"] != "otherwise"]
    raw["edges"].append(edge("c", "e", "otherwise"))
    assert_problem(raw, "e", "cannot be the target")


def test_duplicated_node_and_edge_ids_are_problems() -> None:
    raw = base()
    raw["nodes"].append(node("end", "end"))
    assert_problem(raw, "end", "used by 2 nodes")
    raw = base()
    raw["edges"].append(dict(raw["edges"][0]))
    assert_problem(raw, None, "used by 2 edges")


def test_condition_branches_need_unique_ids_and_rules() -> None:
    raw = base()
    branch = find(raw, "c")["branches"][0]
    find(raw, "c")["branches"].append(dict(branch))
    assert_problem(raw, "c", "used more than once")
    find(raw, "c")["branches"] = [{"id": "big", "when": {"rules": [], "groups": [{"rules": []}]}}]
    assert_problem(raw, "c", "has no rules")
    find(raw, "c")["branches"] = []
    raw["edges"] = [e for e in raw["edges"] if e["sourceHandle"] != "big"]
    assert_problem(raw, "c", "at least one branch")


def test_nested_rule_groups_count_as_rules() -> None:
    raw = base()
    rule = {"field": "profile.tier", "operator": "equals", "value": "gold"}
    find(raw, "c")["branches"][0]["when"] = {"match": "any", "groups": [{"rules": [rule]}]}
    assert problems(raw) == []


def test_a_wait_needs_a_positive_duration() -> None:
    raw = base()
    find(raw, "w")["durationSeconds"] = 0
    assert_problem(raw, "w", "longer than 0")


def test_an_action_node_needs_an_existing_action() -> None:
    raw = base()
    find(raw, "s")["actionId"] = None
    assert_problem(raw, "s", "choose the action")
    find(raw, "s")["actionId"] = str(uuid.uuid4())
    assert_problem(raw, "s", "does not exist")


@pytest.mark.parametrize(("section", "key"), [("headers", "X-Id"), ("payload", "to")])
def test_required_variables_must_be_mapped(section: str, key: str) -> None:
    raw = base()
    del find(raw, "m")["mappings"][section][key]
    assert_problem(raw, "m", f"required variable '{key}'")


def test_an_empty_constant_does_not_count_as_mapped() -> None:
    raw = base()
    find(raw, "m")["mappings"] = mail(to={"source": "constant", "value": ""})
    assert_problem(raw, "m", "required variable 'to'")


def test_optional_variables_may_be_mapped_and_unknown_ones_may_not() -> None:
    raw = base()
    lang = {"source": "constant", "value": "en"}
    find(raw, "m")["mappings"] = mail(queryParameters={"lang": lang})
    assert problems(raw) == []
    find(raw, "m")["mappings"] = mail(queryParameters={"nope": lang})
    assert_problem(raw, "m", "'nope' (queryParameters) is not a variable")


@pytest.mark.parametrize(
    "field",
    [
        "event.email",
        "event.order",
        "event.order.items.3.sku",
        "profile.firstName",
        "journey.id",
        "journey.versionId",
        "journey.version",
        "journey.name",
        "steps.s.status",
        "steps.s.response",
        "steps.s.response.data.score",
    ],
)
def test_readable_fields_pass(field: str) -> None:
    raw = base()
    find(raw, "m")["mappings"] = mail(to={"source": "field", "field": field})
    assert blocking(problems(raw)) == []  # profile attributes and item 3 may be missing: warnings only


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("event.nope", "not in the entry event type"),
        ("profile", "needs a field name"),
        ("journey.owner", "is not one of"),
        ("steps.m.status", "not an action that runs before"),
        ("steps.w.status", "not an action that runs before"),
        ("steps.s.body", "offers only"),
        ("steps.s.response.data.nope", "not a field of the response example"),
        ("order.total", "must start with"),
    ],
)
def test_unreadable_fields_fail(field: str, text: str) -> None:
    raw = base()
    find(raw, "m")["mappings"] = mail(to={"source": "field", "field": field})
    assert_problem(raw, "m", text)


def test_a_step_on_only_one_path_cannot_be_read_after_the_paths_join() -> None:
    raw = base()
    # otherwise -> wait as well: "s" no longer precedes "w" and "m" on every path.
    raw["edges"] = [e for e in raw["edges"] if e["sourceHandle"] != "otherwise"] + [edge("c", "w", "otherwise")]
    raw["nodes"] = [n for n in raw["nodes"] if n["id"] != "end2"]
    find(raw, "m")["mappings"] = mail(to={"source": "field", "field": "steps.s.status"})
    assert_problem(raw, "m", "not an action that runs before")
    find(raw, "m")["mappings"] = mail()
    assert problems(raw) == []


def test_template_placeholders_are_checked() -> None:
    raw = base()
    text = 'Hi {{ profile.name | default: "you" }}, order {{event.order.total}}'
    template = {"source": "template", "template": text}
    find(raw, "m")["mappings"] = mail(to=template)
    assert problems(raw) == []
    find(raw, "m")["mappings"] = mail(to={"source": "template", "template": "Hi {{ event.nope }}"})
    assert_problem(raw, "m", "event field 'nope'")
    find(raw, "m")["mappings"] = mail(to={"source": "template", "template": "Hi {{ }}"})
    assert_problem(raw, "m", "empty {{ }}")


@pytest.mark.parametrize(
    "template",
    [
        '{{ event.email | default: "x" }}',
        "{{event.email|default:'none'}}",
        r'Hi {{ event.email | default: "say \"hi\"" }}',
        '{{ steps.s.response.data.score | default: "0" }}',
    ],
)
def test_template_filters_the_runtime_supports_pass(template: str) -> None:
    raw = base()
    find(raw, "m")["mappings"] = mail(to={"source": "template", "template": template})
    assert problems(raw) == []


@pytest.mark.parametrize(
    ("template", "text"),
    [
        ("{{ event.email | upper }}", "unknown template filter 'upper'"),
        ("{{ event.email | default }}", "default needs a text"),
        ("{{ event.email | default: x }}", "default needs a text"),
        ('{{ event.nope | default: "x" }}', "event field 'nope'"),
        ('{{ | default: "x" }}', "empty {{ }}"),
    ],
)
def test_template_filters_the_runtime_does_not_support_fail(template: str, text: str) -> None:
    raw = base()
    find(raw, "m")["mappings"] = mail(to={"source": "template", "template": template})
    assert_problem(raw, "m", text)


def test_condition_rule_fields_are_checked() -> None:
    raw = base()
    find(raw, "c")["branches"][0]["when"]["rules"][0]["field"] = "steps.s.status"
    assert_problem(raw, "c", "not an action that runs before")


def test_event_filter_fields_are_checked() -> None:
    raw = base()
    rule = {"field": "event.order.total", "operator": "exists"}
    find(raw, "e")["filter"] = {"rules": [rule]}
    assert problems(raw) == []
    find(raw, "e")["filter"] = {"rules": [{**rule, "field": "event.missing"}]}
    assert_problem(raw, "e", "filter: event field 'missing'")


def test_graph_helpers_walk_the_definition() -> None:
    definition = msgspec.convert(base(), Definition)
    entry = entry_node(definition)
    assert entry is not None
    assert entry.id == "e"
    assert next_node_id(definition, "c", "big") == "s"
    assert next_node_id(definition, "c", "otherwise") == "end2"
    assert next_node_id(definition, "m", "error") is None
    assert entry_node(Definition()) is None


def test_a_response_is_readable_only_where_the_step_succeeded_on_every_path() -> None:
    raw = base()
    find(raw, "s")["errorPath"] = True
    raw["edges"].append(edge("s", "w", "error"))
    find(raw, "m")["mappings"] = mail(to={"source": "field", "field": "steps.s.status"})
    assert problems(raw) == []
    find(raw, "m")["mappings"] = mail(to={"source": "field", "field": "steps.s.response.data.score"})
    assert_problem(raw, "m", "only set after its success output")
    raw["edges"][-1] = edge("s", "end2", "error")
    assert problems(raw) == []
