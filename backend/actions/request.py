"""Build the HTTP request of a custom action from its configuration and the values of its variables.

Pure and shared: the test call and the runtime both call ``build_request`` and then ``backend.actions.auth``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import msgspec

from backend.actions.encoding import CONTENT_TYPES, NestedFormFieldError, form_body
from backend.actions.schemas import ActionField, ActionInput, ApiKeyAuth, PayloadField
from backend.actions.values import LEFT_OUT, ValueTypeError, as_text, cast_value, in_list, set_path, without_left_out
from backend.outbound.messages import OutboundRequest
from backend.outbound.redirects import RedirectPolicy
from backend.outbound.urls import filled_url

__all__ = ["ActionRequestError", "CallValues", "OutboundRequest", "build_payload", "build_request"]


class ActionRequestError(ValueError):
    """A variable has no value or a value of the wrong type; ``field`` names it (``payload.order.id``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class CallValues:
    """Values of the action's variables: header, query and path parameter names and payload paths to values."""

    headers: dict[str, Any] = field(default_factory=dict)
    query_parameters: dict[str, Any] = field(default_factory=dict)
    payload: dict[str, Any] = field(default_factory=dict)
    path_parameters: dict[str, Any] = field(default_factory=dict)


def _field_value(spec: ActionField | PayloadField, key: str, values: dict[str, Any], where: str) -> Any:
    """The typed value of one field, or ``None`` for an optional variable (or one allowing null) without a value."""
    if spec.kind == "constant":
        raw = spec.value
    elif values.get(key) is not None:
        raw = values[key]
    elif spec.required and not (isinstance(spec, PayloadField) and spec.allow_null):
        raise ActionRequestError(f"{where}.{key}", "is required but has no value")
    else:
        return None
    try:
        return cast_value(raw, spec.type)
    except ValueTypeError as exc:
        raise ActionRequestError(f"{where}.{key}", str(exc)) from None


def _named_values(fields: list[ActionField], values: dict[str, Any], where: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for spec in fields:
        value = _field_value(spec, spec.name, values, where)
        if value is not None:
            pairs.append((spec.name, as_text(value)))
    return pairs


def build_payload(action: ActionInput, values: dict[str, Any]) -> Any:
    """The body: a copy of the example with every declared field set; a variable without a value is left out
    (``null`` when it allows null, except inside a list)."""
    if action.request_payload is None:
        return None
    # The example is JSON, so a msgspec round trip copies it (several times faster than copy.deepcopy).
    body = msgspec.json.decode(msgspec.json.encode(action.request_payload.example))
    left_out = False
    for spec in action.request_payload.fields:
        value = _field_value(spec, spec.path, values, "payload")
        if value is None and (not spec.allow_null or in_list(body, spec.path)):
            value, left_out = LEFT_OUT, True
        set_path(body, spec.path, value)
    return without_left_out(body) if left_out else body


def build_request(action: ActionInput, values: CallValues) -> OutboundRequest:
    """The unauthorised request: constants from the action, variables from ``values``."""
    headers = dict(_named_values(action.headers, values.headers, "headers"))
    params = _named_values(action.query_parameters, values.query_parameters, "queryParameters")
    url, url_encoded = _url(action, values.path_parameters)
    has_body = action.request_payload is not None
    body = build_payload(action, values.payload)
    content = _form(body) if has_body and action.body_encoding == "form" else None
    if has_body and not any(k.lower() == "content-type" for k in headers):
        headers["Content-Type"] = CONTENT_TYPES[action.body_encoding]
    json_body = body if content is None else None
    redirects = redirect_policy(action) if action.follow_redirects else None
    return OutboundRequest(action.method, url, headers, params, json_body, has_body, content, url_encoded, redirects)


def redirect_policy(action: ActionInput) -> RedirectPolicy:
    """What a redirect to another origin drops: the authentication's header or query parameter and every secret
    header and query parameter (``Authorization`` always)."""
    auth = action.authentication
    headers = {spec.name.lower() for spec in action.headers if spec.secret}
    params = {spec.name for spec in action.query_parameters if spec.secret}
    if isinstance(auth, ApiKeyAuth) and auth.location == "query":
        params.add(auth.name)
    elif isinstance(auth, ApiKeyAuth):
        headers.add(auth.name.lower())
    return RedirectPolicy(frozenset(headers), frozenset(params))


def _form(body: Any) -> bytes:
    """The form body; a variable that brought an object or a list is named (``payload.address``)."""
    try:
        return form_body(body)
    except NestedFormFieldError as exc:
        raise ActionRequestError(
            f"payload.{exc.key}", "a form body holds flat fields only, not objects or lists"
        ) from None


def _url(action: ActionInput, values: dict[str, Any]) -> tuple[str, bool]:
    """The URL with its path parameters filled in (and then already encoded), or the URL as configured."""
    if not action.path_parameters:
        return action.url, False
    filled: dict[str, str] = {}
    for spec in action.path_parameters:
        value = _field_value(spec, spec.name, values, "pathParameters")
        if value is None or as_text(value) == "":  # an empty segment would change the path (``/users//messages``)
            raise ActionRequestError(f"pathParameters.{spec.name}", "has no value; a path parameter always needs one")
        filled[spec.name] = as_text(value)
    return filled_url(action.url, filled), True
