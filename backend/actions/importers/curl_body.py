"""The body of a curl command: joined as curl joins its ``-d`` pieces, read as JSON or as a form, made an example."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import parse_qsl, quote_plus

import msgspec

from backend.actions.importers.curl_options import DataPart
from backend.actions.schemas import Method, PayloadField, RequestPayload
from backend.actions.validation import BODY_METHODS
from backend.actions.values import path_exists
from backend.errors import InvalidInputError
from backend.input_limits import DEPTH_MESSAGE, json_problem
from backend.json_fields import derive_fields, json_type

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


def request_payload(method: Method, body: CurlBody, warnings: list[str]) -> RequestPayload | None:
    """The request example and one constant per leaf (mark variables in the editor)."""
    if body.problem:
        warnings.append(f"{body.problem}; add the request example in the editor")
        return None
    if body.encoding is None:
        return None
    if method not in BODY_METHODS:
        warnings.append(f"{method} requests carry no body in actions: the command's body was left out")
        return None
    example = body.json
    if body.encoding == "form":
        example = dict(body.form)
        warnings.append(
            "the body is form data (application/x-www-form-urlencoded) but actions send JSON bodies: its fields "
            "were imported as a JSON request example; check that the API accepts JSON"
        )
    return RequestPayload(example=example, fields=_leaf_fields(example))


def _leaf_fields(example: object) -> list[PayloadField]:
    """Constants for the example's leaves (the shared example → fields derivation), nulls left as they are.

    A key holding a dot (``a.b`` in a form) cannot be addressed by a dotted path, so it stays as in the example.
    """
    derived = derive_fields(example)
    containers = {f.path.rpartition(".")[0] for f in derived}
    fields: dict[str, PayloadField] = {}
    for leaf in derived:
        if leaf.path in containers or leaf.path in fields or not path_exists(example, leaf.path):
            continue
        value = _value_at(example, leaf.path)
        kind = json_type(value)
        if kind not in {"any", "object", "array"}:
            fields[leaf.path] = PayloadField(path=leaf.path, value=value, type=kind)  # type: ignore[arg-type]
    return list(fields.values())


def _value_at(example: object, path: str) -> object:
    node = example
    for segment in path.split("."):
        node = node[int(segment)] if isinstance(node, list) else node[segment]  # type: ignore[index]
    return node
