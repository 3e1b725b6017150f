"""Stable codes for field problems, so a client can word each one in its user's language.

The English ``message`` stays for API clients; ``code`` and ``params`` are the contract a UI translates.
Framework (msgspec) messages are classified here, in one place, from their fixed wording.
"""

from __future__ import annotations

import re

# Numbers as `float` only: an OpenAPI oneOf of integer and number would match an integer twice.
Params = dict[str, str | float]

# A problem the rules of a field do not name more precisely; its message is the only text there is.
INVALID = "invalid"
REQUIRED = "required"
UNKNOWN_FIELD = "unknownField"

_NUMBER = r"(?P<n>-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)"
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^Expected `str` of length >= {_NUMBER}$"), "tooShort"),
    (re.compile(rf"^Expected `str` of length <= {_NUMBER}$"), "tooLong"),
    (re.compile(rf"^Expected `(?:array|object)` of length >= {_NUMBER}$"), "tooFewItems"),
    (re.compile(rf"^Expected `(?:array|object)` of length <= {_NUMBER}$"), "tooManyItems"),
    (re.compile(rf"^Expected `(?:int|float)` >= {_NUMBER}$"), "atLeast"),
    (re.compile(rf"^Expected `(?:int|float)` <= {_NUMBER}$"), "atMost"),
    (re.compile(rf"^Expected `(?:int|float)` > {_NUMBER}$"), "greaterThan"),
    (re.compile(rf"^Expected `(?:int|float)` < {_NUMBER}$"), "lessThan"),
)
_PARAM = {
    "tooShort": "min",
    "tooLong": "max",
    "tooFewItems": "min",
    "tooManyItems": "max",
    "atLeast": "min",
    "atMost": "max",
    "greaterThan": "min",
    "lessThan": "max",
}
_PATTERN = re.compile(r"^Expected `str` matching regex ")
_WRONG_TYPE = re.compile(r"^Expected `(?P<expected>[^`]+)`, got `(?P<got>[^`]+)`$")
_ENUM = re.compile(r"^Invalid enum value (?P<value>.*)$")
_FORMATS = {"Invalid UUID": "invalidUuid", "Invalid RFC3339 encoded datetime": "invalidDateTime"}


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


def classify(reason: str) -> tuple[str, Params]:
    """The code and parameters of a msgspec validation message ("Expected `str` of length >= 8")."""
    for pattern, code in _RULES:
        if match := pattern.match(reason):
            return code, {_PARAM[code]: _number(match.group("n"))}
    if _PATTERN.match(reason):
        return "pattern", {}
    if match := _WRONG_TYPE.match(reason):
        if match.group("got") == "null":
            return REQUIRED, {}
        return "wrongType", {"expected": match.group("expected"), "got": match.group("got")}
    if match := _ENUM.match(reason):
        return "notAllowed", {"value": match.group("value").strip("'\"")}
    if format_code := _FORMATS.get(reason):
        return format_code, {}
    return INVALID, {}
