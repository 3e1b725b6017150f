"""``POST /api/actions/{id}/test``: one real call built from the action and sample values."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec

from backend.actions.auth import Authenticator, TokenRequestError
from backend.actions.redaction import create_redactor
from backend.actions.request import ActionRequestError, CallValues, build_request
from backend.actions.schemas import ActionInput, OAuth2ClientCredentials, TestRequest, TestResult
from backend.errors import InvalidInputError
from backend.outbound.messages import OutboundFailure, OutboundResponse, RequestPreparationError
from backend.outbound.urls import without_query


def _body(response: OutboundResponse) -> Any:
    """JSON when the answer is JSON, else text (binary answers are summarised)."""
    content_type = response.headers.get("content-type", "")
    if "json" in content_type:
        try:
            return msgspec.json.decode(response.body)
        except msgspec.DecodeError:
            pass
    try:
        return response.body.decode()
    except UnicodeDecodeError:
        return f"<{len(response.body)} bytes of binary content>"


def _values(data: TestRequest) -> CallValues:
    return CallValues(
        headers=data.headers,
        query_parameters=data.query_parameters,
        payload=data.payload,
        path_parameters=data.path_parameters,
    )


async def run_test_call(
    auth: Authenticator, action_id: uuid.UUID, action: ActionInput, data: TestRequest
) -> TestResult:
    """Send the call once (no retries) and describe the answer or the failure, the action's secrets masked.

    ``auth`` holds the kind of sender live calls use, so the third party sees the request a journey would send.
    """
    result = await _test_call(auth, action_id, action, data)
    redactor = create_redactor(action)
    if isinstance(action.authentication, OAuth2ClientCredentials):
        redactor = redactor.including(auth.recent(action_id))
    return msgspec.structs.replace(
        result,
        headers={name: redactor.text(value) for name, value in result.headers.items()},
        body=redactor.value(result.body),
        error=None if result.error is None else redactor.error(result.error),
    )


async def _test_call(auth: Authenticator, action_id: uuid.UUID, action: ActionInput, data: TestRequest) -> TestResult:
    try:
        request = build_request(action, _values(data))
    except ActionRequestError as exc:
        raise InvalidInputError.field(exc.field, exc.message) from None
    try:
        request = await auth.authorize(request, action.authentication, action_id)
    except TokenRequestError as exc:
        return TestResult(ok=False, error_kind="auth", error=f"OAuth2 token request failed: {exc}")
    except OutboundFailure as exc:
        return TestResult(ok=False, error_kind=exc.kind, error=f"OAuth2 token request failed: {exc.message}")
    except RequestPreparationError as exc:
        return TestResult(ok=False, error_kind="network", error=f"OAuth2 token request could not be sent: {exc}")
    try:
        response = await auth.send(request, action.timeout_ms / 1000)
    except OutboundFailure as exc:
        return TestResult(ok=False, error_kind=exc.kind, error=exc.message, duration_ms=exc.duration_ms)
    except RequestPreparationError as exc:  # CR/LF in a sample header value: nothing was sent
        return TestResult(ok=False, error_kind="network", error=f"the request could not be sent: {exc}")
    return TestResult(
        ok=200 <= response.status < 300,
        status=response.status,
        headers=response.headers,
        body=_body(response),
        duration_ms=response.duration_ms,
        final_url=None if response.url is None else without_query(response.url),
    )
