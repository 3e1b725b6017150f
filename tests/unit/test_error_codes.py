"""Framework validation messages become stable codes with parameters a UI can put into its own words."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
import pytest

from backend.error_codes import classify


class Sample(msgspec.Struct):
    """One field per kind of rule msgspec checks."""

    name: Annotated[str, msgspec.Meta(min_length=8, max_length=10, pattern="^a")] = "aaaaaaaa"
    count: Annotated[int, msgspec.Meta(ge=0, le=5)] = 0
    rate: Annotated[float, msgspec.Meta(gt=0)] = 1.0
    locale: Literal["en", "de"] = "en"
    items: Annotated[list[int], msgspec.Meta(min_length=1)] = msgspec.field(default_factory=lambda: [1])


def _reason(body: str) -> str:
    with pytest.raises(msgspec.ValidationError) as caught:
        msgspec.json.decode(body, type=Sample)
    return str(caught.value).rsplit(" - at ", 1)[0]


@pytest.mark.parametrize(
    ("body", "code", "params"),
    [
        ('{"name": "a"}', "tooShort", {"min": 8}),
        ('{"name": "aaaaaaaaaaaa"}', "tooLong", {"max": 10}),
        ('{"name": "bbbbbbbbb"}', "pattern", {}),
        ('{"name": null}', "required", {}),
        ('{"count": -1}', "atLeast", {"min": 0}),
        ('{"count": 9}', "atMost", {"max": 5}),
        ('{"count": "x"}', "wrongType", {"expected": "int", "got": "str"}),
        ('{"rate": 0}', "greaterThan", {"min": 0}),
        ('{"locale": "fr"}', "notAllowed", {"value": "fr"}),
        ('{"items": []}', "tooFewItems", {"min": 1}),
    ],
)
def test_msgspec_messages_get_a_code_and_their_numbers(body: str, code: str, params: dict[str, object]) -> None:
    assert classify(_reason(body)) == (code, params)


def test_an_unknown_message_is_invalid_without_parameters() -> None:
    assert classify("something new from the framework") == ("invalid", {})
