"""Rules, templates and mappings evaluated against an instance context: every operator, missing fields, safety."""

from __future__ import annotations

import re
from typing import Any

import msgspec
import pytest

from backend.journeys.definition import ActionMappings, ConstantMapping, FieldMapping, Rule, RuleGroup, TemplateMapping
from backend.runtime.rules.evaluate import (
    EvaluationError,
    has,
    lookup,
    matches,
    render_template,
    resolve_mapping,
    resolve_mappings,
)

CONTEXT: dict[str, Any] = {
    "event": {
        "order": {"total": 120.5, "id": "A-17", "paid": True, "coupon": None},
        "items": [{"sku": "sku-1", "qty": 2}, {"sku": "sku-2", "qty": 1}],
        "tags": ["vip", "newsletter"],
        "count": "42",
        "placedAt": "2024-05-01T10:00:00Z",
    },
    "profile": {"tier": "gold", "email": "ada@example.com", "age": 36, "attrs": {"lang": "en"}},
    "journey": {"id": "j-1", "versionId": "v-1", "version": 3, "name": "Welcome"},
    "steps": {"crm": {"status": "http_200", "response": {"score": 7, "segments": ["a", "b"]}}},
}


def rule(field: str, operator: str, value: Any = None) -> RuleGroup:
    return RuleGroup(rules=[Rule(field=field, operator=operator, value=value)])  # type: ignore[arg-type]


def check(field: str, operator: str, value: Any = None) -> bool:
    return matches(rule(field, operator, value), CONTEXT)


def test_lookup_reads_nested_fields_and_list_indexes() -> None:
    assert lookup(CONTEXT, "event.order.total") == 120.5
    assert lookup(CONTEXT, "event.items.1.sku") == "sku-2"
    assert lookup(CONTEXT, "steps.crm.response.segments.0") == "a"
    assert lookup(CONTEXT, "journey.version") == 3
    assert lookup(CONTEXT, "event.order.coupon") is None


@pytest.mark.parametrize(
    "path",
    ["event.order.missing", "event.items.5.sku", "event.items.first", "event.order.total.cents", "nothing", "event."],
)
def test_lookup_of_a_missing_path_names_it(path: str) -> None:
    with pytest.raises(EvaluationError, match="^" + re.escape(path) + " is missing"):
        lookup(CONTEXT, path)


def test_has_tells_present_from_missing() -> None:
    assert has(CONTEXT, "event.order.coupon")  # present, even though null
    assert has(CONTEXT, "event.tags.1")
    assert not has(CONTEXT, "event.tags.2")
    assert not has(CONTEXT, "profile.phone")


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("profile.tier", "gold", True),
        ("profile.tier", "Gold", False),  # strings are case-sensitive
        ("profile.age", 36, True),
        ("profile.age", 36.0, True),
        ("profile.age", "36", True),  # a number and numeric text compare as numbers
        ("event.count", 42, True),
        ("event.count", "42.0", False),  # two texts compare exactly
        ("event.order.paid", True, True),
        ("event.order.paid", "TRUE", True),
        ("event.order.paid", 1, False),  # booleans never equal numbers
        ("event.order.coupon", None, True),
        ("profile.tier", None, False),
        ("event.tags", ["vip", "newsletter"], True),
        ("profile.attrs", {"lang": "en"}, True),
    ],
)
def test_equals_and_not_equals_follow_the_coercion_rules(field: str, value: Any, expected: bool) -> None:
    assert check(field, "equals", value) is expected
    assert check(field, "notEquals", value) is (not expected)


@pytest.mark.parametrize(
    ("operator", "value", "expected"),
    [
        ("greaterThan", 100, True),
        ("greaterThan", 120.5, False),
        ("greaterOrEqual", 120.5, True),
        ("lessThan", "200", True),
        ("lessOrEqual", 120, False),
    ],
)
def test_ordering_compares_numbers(operator: str, value: Any, expected: bool) -> None:
    assert check("event.order.total", operator, value) is expected


def test_ordering_compares_iso_dates_with_and_without_offsets() -> None:
    assert check("event.placedAt", "greaterThan", "2024-05-01")
    assert check("event.placedAt", "lessThan", "2024-05-01T11:30:00+02:00") is False  # 09:30 UTC
    assert check("event.placedAt", "lessThan", "2024-05-01T11:00:00")
    assert check("event.placedAt", "greaterOrEqual", "2024-05-01T10:00:00+00:00")


@pytest.mark.parametrize(
    ("field", "value"),
    [("profile.tier", 3), ("event.order.total", "2024-01-01"), ("event.order.paid", 0), ("event.tags", 1)],
)
def test_ordering_incomparable_values_is_a_clear_error(field: str, value: Any) -> None:
    with pytest.raises(EvaluationError, match="^" + re.escape(field) + ": greaterThan compares numbers"):
        check(field, "greaterThan", value)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("profile.email", "@example", True),
        ("profile.email", "@other", False),
        ("event.tags", "vip", True),
        ("event.tags", "gold", False),
        ("event.items", {"sku": "sku-1", "qty": 2}, True),
        ("profile.attrs", "lang", True),
        ("event.order.id", 17, True),  # a number is looked for as its text
    ],
)
def test_contains_works_on_text_lists_and_objects(field: str, value: Any, expected: bool) -> None:
    assert check(field, "contains", value) is expected
    assert check(field, "notContains", value) is (not expected)


def test_contains_on_a_number_field_is_an_error() -> None:
    with pytest.raises(EvaluationError, match="contains needs text, a list or an object"):
        check("profile.age", "contains", 3)


def test_starts_and_ends_with() -> None:
    assert check("profile.email", "startsWith", "ada@")
    assert not check("profile.email", "startsWith", "bob@")
    assert check("profile.email", "endsWith", ".com")
    assert check("profile.age", "startsWith", 3)  # numbers are used as their text
    with pytest.raises(EvaluationError, match="startsWith needs text, but the field is list"):
        check("event.tags", "startsWith", "v")


def test_in_and_not_in_take_a_list() -> None:
    assert check("profile.tier", "in", ["silver", "gold"])
    assert not check("profile.tier", "notIn", ["silver", "gold"])
    assert check("profile.age", "in", ["35", "36"])
    assert check("profile.tier", "notIn", [])
    with pytest.raises(EvaluationError, match="in/notIn needs a list"):
        check("profile.tier", "in", "gold")


def test_exists_and_not_exists_never_raise() -> None:
    assert check("profile.tier", "exists")
    assert not check("profile.phone", "exists")
    assert check("profile.phone", "notExists")
    assert check("event.order.coupon", "notExists")  # null counts as not existing
    assert not check("steps.crm.response.score", "notExists")
    assert check("steps.other.status", "notExists")


@pytest.mark.parametrize("operator", ["equals", "notEquals", "greaterThan", "contains", "startsWith", "in", "notIn"])
def test_comparing_a_missing_field_is_a_clear_error(operator: str) -> None:
    with pytest.raises(EvaluationError, match=r"^event\.order\.discount is missing"):
        check("event.order.discount", operator, ["x"])


def test_empty_groups_all_is_true_any_is_false() -> None:
    assert matches(RuleGroup(match="all"), CONTEXT)
    assert not matches(RuleGroup(match="any"), CONTEXT)


def test_nested_groups_combine_with_and_or() -> None:
    gold_and_adult = RuleGroup(
        match="all",
        rules=[Rule(field="profile.tier", operator="equals", value="gold")],
        groups=[
            RuleGroup(
                match="any",
                rules=[
                    Rule(field="profile.age", operator="lessThan", value=18),
                    Rule(field="steps.crm.response.score", operator="greaterOrEqual", value=5),
                ],
            )
        ],
    )
    assert matches(gold_and_adult, CONTEXT)
    low_score = msgspec.structs.replace(gold_and_adult.groups[0].rules[1], value=8)
    gold_and_adult.groups[0].rules[1] = low_score
    assert not matches(gold_and_adult, CONTEXT)


def test_groups_short_circuit_so_exists_guards_a_comparison() -> None:
    guarded = RuleGroup(
        match="all",
        rules=[
            Rule(field="event.order.discount", operator="exists"),
            Rule(field="event.order.discount", operator="greaterThan", value=5),
        ],
    )
    assert not matches(guarded, CONTEXT)
    either = RuleGroup(
        match="any",
        rules=[
            Rule(field="profile.tier", operator="equals", value="gold"),
            Rule(field="event.nope", operator="equals", value=1),
        ],
    )
    assert matches(either, CONTEXT)


def test_template_fills_placeholders_with_text_and_json() -> None:
    text = render_template(
        "Hi {{profile.email}}, order {{ event.order.id }} ({{ event.order.total }}) paid={{event.order.paid}} "
        "tags={{ event.tags }} attrs={{ profile.attrs }} coupon=[{{ event.order.coupon }}]",
        CONTEXT,
    )
    assert text == (
        'Hi ada@example.com, order A-17 (120.5) paid=true tags=["vip","newsletter"] attrs={"lang":"en"} coupon=[]'
    )


def test_template_default_is_used_when_missing_or_null() -> None:
    assert render_template('{{ profile.phone | default: "n/a" }}', CONTEXT) == "n/a"
    assert render_template("{{ event.order.coupon|default:'none' }}", CONTEXT) == "none"
    assert render_template('{{ profile.tier | default: "x" }}', CONTEXT) == "gold"
    assert render_template(r'{{ profile.phone | default: "say \"hi\"" }}', CONTEXT) == 'say "hi"'


def test_template_without_placeholders_and_unclosed_braces_stay_literal() -> None:
    assert render_template("plain text", CONTEXT) == "plain text"
    assert render_template("{{ profile.tier", CONTEXT) == "{{ profile.tier"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("Hello {{ profile.phone }}", r"^profile\.phone is missing"),
        ("{{ __import__('os').system('id') }}", r"^__import__\('os'\)\.system\('id'\) is missing"),
        ("{{ profile.__class__ }}", r"^profile\.__class__ is missing"),
        ("{{ profile.tier | upper }}", "unknown template filter"),
        ("{{ }}", "names no path"),
        ("{% for x in y %}{{ x }}{% endfor %}", r"^x is missing"),
    ],
)
def test_template_runs_no_code_and_names_what_is_missing(template: str, message: str) -> None:
    with pytest.raises(EvaluationError, match=message):
        render_template(template, CONTEXT)


def test_template_output_is_never_parsed_again() -> None:
    context = {"event": {"name": "{{ profile.secret }}"}, "profile": {"secret": "s3cret"}}
    assert render_template("{{ event.name }}", context) == "{{ profile.secret }}"


def test_mappings_preserve_types() -> None:
    assert resolve_mapping(FieldMapping(field="event.order.total"), CONTEXT) == 120.5
    assert resolve_mapping(FieldMapping(field="event.order.paid"), CONTEXT) is True
    assert resolve_mapping(FieldMapping(field="event.items"), CONTEXT) == CONTEXT["event"]["items"]
    assert resolve_mapping(ConstantMapping(value=[1, "a", None]), CONTEXT) == [1, "a", None]
    assert resolve_mapping(TemplateMapping(template="{{ profile.age }}"), CONTEXT) == "36"


def test_mapped_containers_are_copies() -> None:
    value = resolve_mapping(FieldMapping(field="profile.attrs"), CONTEXT)
    value["lang"] = "fr"
    constant = ConstantMapping(value={"a": 1})
    resolve_mapping(constant, CONTEXT)["a"] = 2
    assert CONTEXT["profile"]["attrs"] == {"lang": "en"}
    assert constant.value == {"a": 1}


def test_resolve_mappings_returns_each_section() -> None:
    mappings = ActionMappings(
        headers={"X-Tier": FieldMapping(field="profile.tier")},
        query_parameters={"lang": TemplateMapping(template="{{ profile.attrs.lang }}-GB")},
        path_parameters={"orderId": FieldMapping(field="event.order.id")},
        payload={"order.id": FieldMapping(field="event.order.id"), "amount": FieldMapping(field="event.order.total")},
    )
    assert resolve_mappings(mappings, CONTEXT) == {
        "headers": {"X-Tier": "gold"},
        "queryParameters": {"lang": "en-GB"},
        "pathParameters": {"orderId": "A-17"},
        "payload": {"order.id": "A-17", "amount": 120.5},
    }
    empty = {"headers": {}, "queryParameters": {}, "pathParameters": {}, "payload": {}}
    assert resolve_mappings(ActionMappings(), CONTEXT) == empty


def test_resolve_mappings_error_names_the_variable_and_the_path() -> None:
    mappings = ActionMappings(payload={"customer.phone": FieldMapping(field="profile.phone")})
    with pytest.raises(EvaluationError, match=r"^payload\.customer\.phone: profile\.phone is missing$"):
        resolve_mappings(mappings, CONTEXT)


def test_mappings_decoded_from_wire_json_resolve() -> None:
    wire = b'{"payload": {"score": {"source": "field", "field": "steps.crm.response.score"}}}'
    mappings = msgspec.json.decode(wire, type=ActionMappings)
    assert resolve_mappings(mappings, CONTEXT)["payload"] == {"score": 7}
