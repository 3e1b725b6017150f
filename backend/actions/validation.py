"""Rules of a custom action beyond its types; every problem names its field (camelCase path)."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

import msgspec

from backend.actions.encoding import CONTENT_TYPES, content_type_fits, form_problems
from backend.actions.schemas import (
    ActionField,
    ActionInput,
    ApiKeyAuth,
    Authentication,
    OAuth2ClientCredentials,
    PayloadField,
)
from backend.actions.secrets_box import secret_field
from backend.actions.values import ValueTypeError, cast_value, path_exists
from backend.error_codes import REQUIRED
from backend.errors import FieldProblem, InvalidInputError
from backend.input_limits import MAX_EXAMPLES_BYTES, too_large
from backend.outbound.urls import PLACEHOLDER, client_url_problem, placeholders

# A host whose last label is a number is an IPv4 address to URL parsers (WHATWG "ends in a number"), which
# also read octal, hex and short forms; HTTP clients disagree on those, so only the dotted quad is accepted.
_NUMERIC_LABEL = re.compile(r"^(?:[0-9]+|0[xX][0-9a-fA-F]*)$")
# RFC 7230 §3.2.6 token characters.
_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def ipv4_problem(host: str) -> str | None:
    """Why a host that reads as an IPv4 address is not the canonical dotted quad (``192.0.2.1``), or None."""
    if ":" in host or not _NUMERIC_LABEL.match(host.removesuffix(".").rpartition(".")[2]):  # IPv6, or a name
        return None
    try:
        canonical = str(ipaddress.IPv4Address(host))
    except ValueError:
        canonical = ""
    if canonical != host:
        return "has a host that is not a canonical IPv4 address: write four numbers 0-255, e.g. 192.0.2.1"
    return None


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an absolute http(s) URL with a host, or None."""
    if any(c.isspace() for c in url):
        return "must not contain spaces"
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError as exc:
        return f"is not a valid URL ({exc})"
    if parts.scheme not in {"http", "https"}:
        return "must be an absolute http:// or https:// URL"
    if not parts.hostname:
        return "must have a host"
    if parts.username is not None or parts.password is not None:
        return "must not carry credentials; use authentication instead"
    if problem := ipv4_problem(parts.hostname):
        return problem
    if problem := client_url_problem(url):  # what the validator accepts, the sender must accept too
        return f"is not a URL the HTTP client accepts ({problem})"
    return None


def _placeholder_problem(url: str) -> str | None:
    """Why the URL's braces are not only ``{name}`` placeholders in its path, or None."""
    parts = urlsplit(url)
    outside = parts.netloc + parts.query + parts.fragment
    if "{" in outside or "}" in outside:
        return "may hold {name} placeholders only in its path: scheme, host, port and query are never variable"
    rest = PLACEHOLDER.sub("", parts.path)
    if "{" in rest or "}" in rest:
        return "has a '{' or '}' that is not a placeholder: write {name} with letters, digits, '_' or '-'"
    if "%7b" in parts.path.lower() or "%7d" in parts.path.lower():
        return "has an encoded brace (%7B or %7D) in its path; write a path parameter as {name}"
    return None


def _path_parameters(action: ActionInput) -> list[FieldProblem]:
    """Placeholders and ``pathParameters`` agree one to one; each is a required, non-secret field."""
    names = placeholders(urlsplit(action.url).path)
    problems = _named_fields(action.path_parameters, "pathParameters", case_sensitive=True)
    declared = {spec.name for spec in action.path_parameters}
    problems += [
        FieldProblem("pathParameters", f"the URL's placeholder {{{name}}} has no path parameter")
        for name in names
        if name not in declared
    ]
    for index, spec in enumerate(action.path_parameters):
        at = f"pathParameters[{index}]"
        if spec.name not in names:
            problems.append(FieldProblem(f"{at}.name", f"{spec.name!r} is not a {{placeholder}} of the URL's path"))
        if not spec.required:
            problems.append(FieldProblem(f"{at}.required", "a path parameter is always required"))
        if spec.secret:  # a path is written into logs and error texts; secrets belong in headers or query
            problems.append(FieldProblem(f"{at}.secret", "a path parameter cannot be secret; use a header instead"))
    return problems


def _constant_or_variable(spec: ActionField | PayloadField, where: str) -> list[FieldProblem]:
    if spec.kind == "variable":
        if spec.value is not None:
            return [FieldProblem(f"{where}.value", "a variable has no value; marketers map it in the journey")]
        return []
    if spec.value is None:
        return [FieldProblem(f"{where}.value", "a constant needs a value")]
    try:
        cast_value(spec.value, spec.type)
    except ValueTypeError as exc:
        return [FieldProblem(f"{where}.value", f"{exc} (type {spec.type})")]
    return []


def _named_fields(fields: list[ActionField], where: str, case_sensitive: bool) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    seen: set[str] = set()
    for index, spec in enumerate(fields):
        at = f"{where}[{index}]"
        if where == "headers" and not _HEADER_NAME.match(spec.name):
            problems.append(FieldProblem(f"{at}.name", "is not a valid header name"))
        key = spec.name if case_sensitive else spec.name.lower()
        if key in seen:
            problems.append(FieldProblem(f"{at}.name", f"duplicate name {spec.name!r}"))
        seen.add(key)
        if spec.secret and spec.kind == "variable":
            problems.append(
                FieldProblem(f"{at}.secret", "only a constant can be secret; a variable is mapped in the journey")
            )
        problems.extend(_constant_or_variable(spec, at))
    return problems


def _payload(action: ActionInput) -> list[FieldProblem]:
    payload = action.request_payload
    if payload is None:
        return []
    if action.method not in BODY_METHODS:
        return [FieldProblem("requestPayload", f"{action.method} requests have no body; use null")]
    problems: list[FieldProblem] = []
    paths = [f.path for f in payload.fields]
    for index, spec in enumerate(payload.fields):
        at = f"requestPayload.fields[{index}]"
        if not path_exists(payload.example, spec.path):
            problems.append(FieldProblem(f"{at}.path", f"{spec.path!r} is not a path of requestPayload.example"))
        elif paths.index(spec.path) != index:
            problems.append(FieldProblem(f"{at}.path", f"duplicate path {spec.path!r}"))
        elif any(other.startswith(spec.path + ".") for other in paths):
            problems.append(FieldProblem(f"{at}.path", f"{spec.path!r} contains another declared field"))
        problems.extend(_constant_or_variable(spec, at))
    return problems


def _body_encoding(action: ActionInput) -> list[FieldProblem]:
    """A form body is flat; a ``Content-Type`` header is a constant naming the body's encoding."""
    payload = action.request_payload
    if payload is None or action.method not in BODY_METHODS:
        return []
    encoding = action.body_encoding
    problems = []
    if encoding == "form":
        problems += form_problems(payload.example, [(spec.path, spec.type) for spec in payload.fields])
    for index, spec in enumerate(action.headers):
        if spec.name.lower() != "content-type":
            continue
        if spec.kind == "variable":
            problems.append(
                FieldProblem(f"headers[{index}].kind", "Content-Type follows bodyEncoding; it is a constant")
            )
        elif isinstance(spec.value, str) and not content_type_fits(encoding, spec.value):
            message = f"contradicts bodyEncoding {encoding!r}: the body is sent as {CONTENT_TYPES[encoding]}"
            problems.append(FieldProblem(f"headers[{index}].value", message))
    return problems


def _authentication(auth: Authentication, action: ActionInput, secret_required: bool) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    wire = msgspec.to_builtins(auth)
    secret = secret_field(wire)
    if secret and secret_required and wire.get(secret) is None:
        problems.append(FieldProblem(f"authentication.{secret}", "is required", REQUIRED))
    if isinstance(auth, OAuth2ClientCredentials) and (problem := url_problem(auth.token_url)):
        problems.append(FieldProblem("authentication.tokenUrl", problem))
    if isinstance(auth, ApiKeyAuth) and auth.location == "header":
        if not _HEADER_NAME.match(auth.name):
            problems.append(FieldProblem("authentication.name", "is not a valid header name"))
        elif any(h.name.lower() == auth.name.lower() for h in action.headers):
            problems.append(FieldProblem("authentication.name", "is also declared in headers"))
    return problems


def _check_examples_size(action: ActionInput) -> None:
    """The request and response examples together within ``MAX_EXAMPLES_BYTES``."""
    sizes = {
        "requestPayload.example": len(msgspec.json.encode(action.request_payload.example))
        if action.request_payload
        else 0,
        "responsePayload.example": len(msgspec.json.encode(action.response_payload.example))
        if action.response_payload
        else 0,
    }
    total = sum(sizes.values())
    if total > MAX_EXAMPLES_BYTES:
        biggest = max(sizes, key=lambda field: sizes[field])
        raise too_large(biggest, "the action's examples", total, MAX_EXAMPLES_BYTES)


def validate_action(action: ActionInput, *, secret_required: bool = True) -> None:
    """Raise one 400 listing every problem of ``action`` (nothing is written when any exists); 413 for big examples."""
    _check_examples_size(action)
    problems: list[FieldProblem] = []
    if not action.name.strip():
        problems.append(FieldProblem("name", "must not be blank", "blank"))
    # The URL must split before its placeholders can be read: a URL that does not is only a problem on ``url``.
    url_unreadable = url_problem(PLACEHOLDER.sub("x", action.url))
    if problem := url_unreadable or _placeholder_problem(action.url):
        problems.append(FieldProblem("url", problem))
    problems += _named_fields(action.headers, "headers", case_sensitive=False)
    problems += _named_fields(action.query_parameters, "queryParameters", case_sensitive=True)
    problems += [] if url_unreadable else _path_parameters(action)
    problems += _payload(action)
    problems += _body_encoding(action)
    problems += _authentication(action.authentication, action, secret_required)
    if problems:
        detail = "; ".join(f"{p.field}: {p.message}" for p in problems)
        raise InvalidInputError(detail, errors=problems)
