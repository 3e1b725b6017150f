"""The body of a curl command: joined as curl joins its ``-d`` pieces, then read as JSON or as a form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import parse_qsl, quote_plus

import msgspec

from backend.actions.importers.curl_options import DataPart
from backend.errors import InvalidInputError
from backend.input_limits import DEPTH_MESSAGE, json_problem

BodyEncoding = Literal["json", "form"]


@dataclass
class CurlBody:
    """The decoded body: a JSON document, form pairs, or nothing we can use (with the reason)."""

    encoding: BodyEncoding | None = None
    json: Any = None
    form: list[tuple[str, str]] = field(default_factory=list)
    problem: str | None = None


def _from_file(part: DataPart) -> bool:
    """``-d @file``, ``--json @file``, ``--data-urlencode name@file``: curl would read a file."""
    if part.kind == "raw":
        return False
    if part.kind == "urlencode":
        return "=" not in part.value and "@" in part.value
    return part.value.startswith("@")


def _urlencode_pair(value: str) -> tuple[str, str] | None:
    """``name=content`` (content sent encoded), ``=content`` or ``content``: the pair, or None without a name."""
    name, equals, content = value.partition("=")
    if equals and name:
        return name, content
    return None


def _joined(parts: list[DataPart]) -> str:
    """What curl sends: ``-d`` pieces joined by ``&`` (``-d`` drops newlines), ``--json`` pieces concatenated."""
    texts = []
    for part in parts:
        if part.kind == "urlencode":
            pair = _urlencode_pair(part.value)
            content = part.value.partition("=")[2] if "=" in part.value else part.value
            texts.append(f"{pair[0]}={quote_plus(pair[1])}" if pair else quote_plus(content))
        else:
            texts.append(part.value.replace("\r", "").replace("\n", "") if part.kind == "data" else part.value)
    separator = "" if all(part.kind == "json" for part in parts) else "&"
    return separator.join(texts)


def _json_document(text: str) -> Any:
    """The JSON value of ``text``, or None; 400 when it nests deeper than the API accepts (it could not be saved)."""
    try:
        document = msgspec.json.decode(text)
    except RecursionError:  # msgspec's own depth guard, far beyond ours
        raise _too_deep() from None
    except msgspec.DecodeError:
        return None
    if (problem := json_problem(document)) and problem.message == DEPTH_MESSAGE:
        raise _too_deep()
    return document


def _too_deep() -> InvalidInputError:
    return InvalidInputError.field("command", f"has a JSON body that {DEPTH_MESSAGE}")


def read_body(parts: list[DataPart]) -> CurlBody:
    """Decode the data options into a JSON document or form pairs; files are refused, never read."""
    if not parts:
        return CurlBody()
    if any(_from_file(part) for part in parts):
        return CurlBody(problem="the body is read from a file (@file), which cannot be imported: paste its content")
    text = _joined(parts)
    if not any(part.kind == "urlencode" for part in parts):
        document = _json_document(text)
        if isinstance(document, (dict, list)) and document:
            return CurlBody("json", json=document)
        if any(part.kind == "json" for part in parts):
            return CurlBody(problem="the --json body is not a JSON object or array")
    pairs = parse_qsl(text, keep_blank_values=True)
    if pairs and all("=" in piece for piece in text.split("&") if piece):
        return CurlBody("form", form=pairs)
    return CurlBody(problem="the body is neither JSON nor form data (name=value&…)")
