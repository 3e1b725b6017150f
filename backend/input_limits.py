"""What clients may send, in one place: how deep JSON nests, that text holds no NUL, how big things are.

PostgreSQL refuses NUL in text and JSON, and JSON nested hundreds of levels deep overflows the decoder's
stack when it is read back; both are refused at input with a 400 naming the field. Sizes are bytes of JSON.
"""

from __future__ import annotations

from typing import Any

import msgspec

from backend.errors import FieldProblem, InvalidInputError, PayloadTooLargeError

MAX_JSON_DEPTH = 32  # objects and arrays inside each other, the request body itself being the first
MAX_BODY_BYTES = 10 * 1024 * 1024  # any request body without a limit of its own
MAX_EVENT_BYTES = 64 * 1024  # one event, alone or inside a batch
MAX_BATCH_BYTES = 16 * 1024 * 1024
MAX_PROFILE_BYTES = 64 * 1024  # a profile's attributes after merging a PUT
MAX_JOURNEY_BYTES = 2 * 1024 * 1024  # a journey request body (definition, settings, names)
MAX_JOURNEY_NODES = 2_000
MAX_EXAMPLES_BYTES = 256 * 1024  # an action's request and response examples together
MAX_CURL_COMMAND_BYTES = 64 * 1024  # a pasted cURL command to import as an action

NUL = "\x00"
NUL_MESSAGE = "must not contain a NUL character (\\u0000)"
DEPTH_MESSAGE = f"is nested deeper than {MAX_JSON_DEPTH} levels"


def json_problem(value: Any, field: str = "") -> FieldProblem | None:
    """The first container nested deeper than ``MAX_JSON_DEPTH`` or text (key or value) holding a NUL."""
    found = _walk(value, 1)
    if found is None:
        return None
    segments, message = found
    path = ".".join([field, *reversed(segments)] if field else reversed(segments))
    return FieldProblem(path.replace(NUL, "\\u0000") or "body", message)


def _walk(value: Any, depth: int) -> tuple[list[str], str] | None:
    """Segments of the bad value's path, innermost first (built only on the way out of a problem)."""
    if isinstance(value, str):
        return ([], NUL_MESSAGE) if NUL in value else None
    if isinstance(value, dict):
        if depth > MAX_JSON_DEPTH:
            return [], DEPTH_MESSAGE
        for key, item in value.items():
            if NUL in key:
                return [key], NUL_MESSAGE
            if (isinstance(item, (str, dict, list))) and (found := _walk(item, depth + 1)):
                found[0].append(key)
                return found
    elif isinstance(value, list):
        if depth > MAX_JSON_DEPTH:
            return [], DEPTH_MESSAGE
        for index, item in enumerate(value):
            if (isinstance(item, (str, dict, list))) and (found := _walk(item, depth + 1)):
                found[0].append(str(index))
                return found
    return None


def check_json(value: Any, field: str = "") -> None:
    """Raise a 400 naming the field when ``value`` breaks the nesting or NUL rule."""
    if problem := json_problem(value, field):
        raise InvalidInputError(f"{problem.field}: {problem.message}", errors=[problem])


def too_large(field: str, what: str, size: int, limit: int) -> PayloadTooLargeError:
    """A 413 stating the size and the limit, both in bytes."""
    message = f"{what} is {size:,} bytes; the limit is {limit:,} bytes"
    return PayloadTooLargeError(f"{field}: {message}", errors=[FieldProblem(field, message)])


def check_size(value: Any, field: str, what: str, limit: int) -> None:
    """Raise a 413 when ``value`` encoded as JSON is over ``limit`` bytes."""
    size = len(msgspec.json.encode(value))
    if size > limit:
        raise too_large(field, what, size, limit)


class _RawBatch(msgspec.Struct):
    """A batch body with each event kept as the bytes it was sent as."""

    events: list[msgspec.Raw] = []


_RAW_BATCH = msgspec.json.Decoder(_RawBatch)


def check_events_size(body: bytes) -> None:
    """Every event of a batch body within ``MAX_EVENT_BYTES``, measured as sent (scanned, not decoded)."""
    if len(body) <= MAX_EVENT_BYTES:
        return
    for index, event in enumerate(_RAW_BATCH.decode(body).events):
        if len(event) > MAX_EVENT_BYTES:
            raise too_large(f"events.{index}", "the event", len(event), MAX_EVENT_BYTES)


def check_node_count(nodes: list[Any], field: str = "definition.nodes") -> None:
    """Raise a 400 when a journey definition has more than ``MAX_JOURNEY_NODES`` nodes."""
    if len(nodes) > MAX_JOURNEY_NODES:
        message = f"has {len(nodes):,} nodes; the limit is {MAX_JOURNEY_NODES:,}"
        raise InvalidInputError(f"{field}: {message}", errors=[FieldProblem(field, message)])
