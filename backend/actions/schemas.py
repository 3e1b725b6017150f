"""Wire shapes of custom actions (camelCase JSON). Secrets are write-only: answers carry ``null``."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
FieldKind = Literal["constant", "variable"]
FieldType = Literal["string", "integer", "decimal", "boolean", "dateTime", "object", "array", "any"]


class Wire(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    """Base of action structs: camelCase JSON, unknown fields rejected."""


class ActionField(Wire):
    """A header, query or path parameter: a constant with a value, or a variable mapped later in the canvas.

    A ``secret`` constant (an API key in ``X-Api-Key``) is write-only like the authentication secret: encrypted
    at rest, ``null`` in answers, kept when a PUT sends ``null``, masked in every stored text.
    """

    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    kind: FieldKind = "constant"
    value: Any = None
    type: FieldType = "string"
    label: Annotated[str, msgspec.Meta(max_length=200)] | None = None
    required: bool = True
    secret: bool = False


class PayloadField(Wire):
    """One field of the request body, addressed by a dotted ``path`` into the example (``items.0.sku``).

    A variable without a value (none mapped, or null) is left out of the body, or sent as ``null`` when
    ``allowNull``; an item of a list is dropped either way (a list of scalars never holds null).
    """

    path: Annotated[str, msgspec.Meta(min_length=1, max_length=500)]
    kind: FieldKind = "constant"
    value: Any = None
    type: FieldType = "string"
    label: Annotated[str, msgspec.Meta(max_length=200)] | None = None
    required: bool = True
    allow_null: bool = False


class RequestPayload(Wire):
    """The example body the technical user pasted and how each of its fields is filled."""

    example: Any
    fields: list[PayloadField] = []


class ResponsePayload(Wire):
    """An example success body; its fields are what later steps may read."""

    example: Any


class NoAuth(Wire, tag="none", tag_field="type"):
    """No authentication."""


class BasicAuth(Wire, tag="basic", tag_field="type"):
    """HTTP Basic; ``password`` is a secret."""

    username: str
    password: str | None = None


class ApiKeyAuth(Wire, tag="apiKey", tag_field="type"):
    """A key sent in a header or query parameter named ``name``; ``value`` is a secret."""

    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    value: str | None = None
    location: Literal["header", "query"] = "header"


class BearerAuth(Wire, tag="bearer", tag_field="type"):
    """``Authorization: Bearer <token>``; ``token`` is a secret."""

    token: str | None = None


class OAuth2ClientCredentials(Wire, tag="oauth2ClientCredentials", tag_field="type"):
    """OAuth2 client-credentials grant; the access token is fetched from ``tokenUrl`` and cached."""

    token_url: str
    client_id: str
    client_secret: str | None = None
    scope: str | None = None


Authentication = NoAuth | BasicAuth | ApiKeyAuth | BearerAuth | OAuth2ClientCredentials


class Capping(Wire):
    """Calls over ``maxCalls`` per ``periodSeconds`` to the endpoint's host fail fast with status ``capped``."""

    max_calls: Annotated[int, msgspec.Meta(ge=1, le=10_000_000)] = 300_000
    period_seconds: Annotated[int, msgspec.Meta(ge=1, le=86_400)] = 60


class Throttling(Wire):
    """Calls to the host are delayed to this rate; one that would wait longer than ``maxWaitSeconds`` fails fast.

    A waiting call is parked as a due step, so it holds no worker slot; over the limit its status is ``throttled``.
    """

    max_calls_per_second: Annotated[float, msgspec.Meta(gt=0, le=100_000)]
    max_wait_seconds: Annotated[int, msgspec.Meta(ge=0, le=86_400)] = 3600


class ActionInput(Wire):
    """Body of ``POST /api/actions`` and ``PUT /api/actions/{id}``."""

    name: Name
    method: Method
    url: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
    description: Annotated[str, msgspec.Meta(max_length=2000)] = ""
    headers: list[ActionField] = []
    query_parameters: list[ActionField] = []
    # One per ``{name}`` placeholder of the URL's path; each value is sent percent-encoded as one path segment.
    path_parameters: list[ActionField] = []
    authentication: Authentication = msgspec.field(default_factory=NoAuth)
    request_payload: RequestPayload | None = None
    # How the body is sent: JSON, or ``application/x-www-form-urlencoded`` of flat fields; sets Content-Type.
    body_encoding: Literal["json", "form"] = "json"
    response_payload: ResponsePayload | None = None
    timeout_ms: Annotated[int, msgspec.Meta(ge=100, le=30_000)] = 30_000
    # 301/302/303/307/308 followed up to 3 hops, each guarded; credentials stay at the action's origin.
    follow_redirects: bool = True
    max_retries: Annotated[int, msgspec.Meta(ge=0, le=3)] = 3
    capping: Capping = msgspec.field(default_factory=Capping)
    throttling: Throttling | None = None


class JourneyRef(Wire):
    """A journey that uses the action (filled once journeys exist)."""

    id: uuid.UUID
    name: str
    status: str


class ActionOut(ActionInput):
    """A stored action as answered; secrets are ``null``.

    ``lockedBy``: the journeys that rely on its contract now (a live version, or a closed one with running
    instances); while it is not empty, method and the names, kinds, types and required flags of headers, query
    parameters and payload fields cannot change (409), only optional variables can be added.
    """

    id: uuid.UUID = msgspec.field(default_factory=uuid.uuid4)
    used_in: list[JourneyRef] = []
    locked_by: list[JourneyRef] = []
    created_at: datetime | None = None
    updated_at: datetime | None = None


class TestRequest(Wire):
    """Sample values for ``POST /api/actions/{id}/test``: keys as in a journey's action mappings."""

    headers: dict[str, Any] = {}
    query_parameters: dict[str, Any] = {}
    path_parameters: dict[str, Any] = {}
    payload: dict[str, Any] = {}


class TestResult(Wire):
    """What the endpoint answered, or why it could not be reached."""

    ok: bool
    status: int | None = None
    headers: dict[str, str] = {}
    body: Any = None
    duration_ms: float = 0.0
    final_url: str | None = None  # the URL that answered after redirects (without its query), else null
    error: str | None = None
    error_kind: Literal["timeout", "dns", "tls", "refused", "blocked", "network", "auth"] | None = None
