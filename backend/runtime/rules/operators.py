"""What each rule operator means; pure functions over JSON-like values.

Coercion rules (the same for every operator that compares two values):
- ``equals``: ``null`` equals only ``null``. Two numbers compare numerically (``1`` equals ``1.0``); a number and a
  numeric string compare numerically (``"42"`` equals ``42``); two strings compare exactly (case-sensitive);
  a boolean equals a boolean or the text ``"true"``/``"false"`` (any case), never a number; lists and objects
  compare structurally. ``notEquals`` is its negation.
- ``greater…``/``less…``: both numbers (numeric strings count) or both ISO-8601 dates/datetimes (a date is
  midnight UTC, a naive datetime is UTC); anything else is an ``EvaluationError`` (a configuration mistake).
- ``contains``: in text, the value's text is a substring; in a list, an element ``equals`` the value; in an
  object, the value is a key. ``startsWith``/``endsWith`` work on text (numbers are used as their text).
- ``in``/``notIn``: the rule's value must be a list; the field ``equals`` one of its elements.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import msgspec


class EvaluationError(Exception):
    """A rule, template or mapping cannot be evaluated; the message names the path and why."""


_NUMBER = re.compile(r"^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$")
_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")


def kind_of(value: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "list"
    return "object"


def as_number(value: Any) -> int | float | None:
    """The number a value stands for (numbers and numeric text), else None; booleans are not numbers."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    if isinstance(value, str) and _NUMBER.match(value):
        return int(value) if _INTEGER.match(value) else float(value)
    return None


def as_datetime(value: Any) -> datetime | None:
    """The instant an ISO-8601 date or datetime text stands for (UTC when no offset is given), else None."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and len(value) >= 10 and value[4:5] == "-":
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def values_equal(left: Any, right: Any) -> bool:
    """``equals`` with the coercion rules of the module docstring."""
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, bool) or isinstance(right, bool):
        if isinstance(left, bool) and isinstance(right, bool):
            return left == right
        flag, other = (left, right) if isinstance(left, bool) else (right, left)
        return isinstance(other, str) and other.strip().lower() == ("true" if flag else "false")
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    left_number, right_number = as_number(left), as_number(right)
    if left_number is not None and right_number is not None:
        return left_number == right_number
    return bool(left == right)


def _order(path: str, operator: str, left: Any, right: Any) -> int:
    """-1, 0 or 1 comparing two numbers or two dates; other pairs are a clear error."""
    left_number, right_number = as_number(left), as_number(right)
    pair: tuple[Any, Any] | None = None
    if left_number is not None and right_number is not None:
        pair = (left_number, right_number)
    else:
        left_date, right_date = as_datetime(left), as_datetime(right)
        if left_date is not None and right_date is not None:
            pair = (left_date, right_date)
    if pair is None:
        raise EvaluationError(
            f"{path}: {operator} compares numbers or ISO dates, not {_shown(left)} ({kind_of(left)})"
            f" with {_shown(right)} ({kind_of(right)})"
        )
    return int(pair[0] > pair[1]) - int(pair[0] < pair[1])


def _shown(value: Any) -> str:
    text = msgspec.json.encode(value).decode() if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _text(path: str, operator: str, value: Any, role: str) -> str:
    if isinstance(value, str):
        return value
    if as_number(value) is not None:
        return str(value)
    raise EvaluationError(f"{path}: {operator} needs text, but the {role} is {kind_of(value)}")


def _contains(path: str, left: Any, right: Any) -> bool:
    if isinstance(left, str):
        needle = right if isinstance(right, str) else None
        if needle is None and (as_number(right) is not None or isinstance(right, bool)):
            needle = msgspec.json.encode(right).decode()
        if needle is None:
            raise EvaluationError(f"{path}: contains on text needs a text value, not {kind_of(right)}")
        return needle in left
    if isinstance(left, list | tuple):
        return any(values_equal(item, right) for item in left)
    if isinstance(left, dict):
        return isinstance(right, str) and right in left
    raise EvaluationError(f"{path}: contains needs text, a list or an object, but the field is {kind_of(left)}")


def _in(path: str, left: Any, right: Any) -> bool:
    if not isinstance(right, list | tuple):
        raise EvaluationError(f"{path}: in/notIn needs a list of values, not {kind_of(right)}")
    return any(values_equal(left, item) for item in right)


_Check = Callable[[str, Any, Any], bool]

_OPERATORS: dict[str, _Check] = {
    "equals": lambda _, a, b: values_equal(a, b),
    "notEquals": lambda _, a, b: not values_equal(a, b),
    "greaterThan": lambda p, a, b: _order(p, "greaterThan", a, b) > 0,
    "greaterOrEqual": lambda p, a, b: _order(p, "greaterOrEqual", a, b) >= 0,
    "lessThan": lambda p, a, b: _order(p, "lessThan", a, b) < 0,
    "lessOrEqual": lambda p, a, b: _order(p, "lessOrEqual", a, b) <= 0,
    "contains": _contains,
    "notContains": lambda p, a, b: not _contains(p, a, b),
    "startsWith": lambda p, a, b: _text(p, "startsWith", a, "field").startswith(_text(p, "startsWith", b, "value")),
    "endsWith": lambda p, a, b: _text(p, "endsWith", a, "field").endswith(_text(p, "endsWith", b, "value")),
    "in": _in,
    "notIn": lambda p, a, b: not _in(p, a, b),
}


def apply_operator(operator: str, path: str, value: Any, expected: Any) -> bool:
    """Whether the present ``value`` at ``path`` satisfies ``operator`` against the rule's ``expected`` value."""
    check = _OPERATORS.get(operator)
    if check is None:
        raise EvaluationError(f"{path}: unknown operator {operator}")
    return check(path, value, expected)
