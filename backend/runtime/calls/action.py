"""One action call as a step: capping, throttling, retries within the timeout budget, the idempotency key."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import msgspec

from backend.actions.auth import Authenticator, TokenRequestError
from backend.actions.redaction import RedactorCache
from backend.actions.request import ActionRequestError, CallValues, OutboundRequest, build_request
from backend.actions.schemas import ActionInput, OAuth2ClientCredentials
from backend.outbound.messages import OutboundFailure, OutboundResponse, Send
from backend.runtime.calls.limits import RateLimits
from backend.runtime.calls.retry import should_retry
from backend.runtime.clock import Clock
from backend.runtime.observe import metrics
from backend.runtime.states import CallStatus, StepOutcome

MAX_STORED_RESPONSE = 64 * 1024


@dataclass
class CallResult:
    """How a call ended: ``status`` is what ``steps.<nodeId>.status`` holds; ``outcome`` feeds the stats."""

    outcome: StepOutcome
    status: str  # http_<code> or a CallStatus
    attempts: int = 0
    response: Any = None
    error: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    parked_for: float = 0.0  # waiting: seconds until the throttling slot reserved for this call
    final_url: str | None = None  # the URL that answered, when redirects were followed

    @property
    def ok(self) -> bool:
        """A 2xx answer."""
        return self.outcome == StepOutcome.SUCCEEDED


@dataclass
class CallTools:
    """What a worker shares between calls: its sender, the credentials (OAuth2 tokens through the same sender), the
    rate limits, the clock its retry budget runs on, each action's redactor."""

    auth: Authenticator
    limits: RateLimits
    clock: Clock
    redactors: RedactorCache = field(default_factory=RedactorCache)

    @property
    def send(self) -> Send:
        """``backend.outbound.sender.Sender.send`` of the worker's one sender."""
        return self.auth.send


def redacted(tools: CallTools, result: CallResult, action_id: uuid.UUID, action: ActionInput) -> CallResult:
    """The result as it may be stored and shown: error texts without URL queries, the action's secrets masked."""
    redactor = tools.redactors.for_action(action_id, action)
    if isinstance(action.authentication, OAuth2ClientCredentials):
        redactor = redactor.including(tools.auth.recent(action_id))
    if result.error is not None:
        result.error = redactor.error(result.error)
        result.detail["error"] = result.error
    result.response = redactor.value(result.response)
    return result


def endpoint_host(url: str) -> str:
    """The host (and explicit port) capping and throttling are counted per."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def safe_url(url: str) -> str:
    """The URL without its query string (query parameters may carry API keys)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}{parts.path}"


def stored_response(answer: OutboundResponse) -> Any:
    """The body later steps may read: JSON when it parses, else text; None when over the size cap."""
    if len(answer.body) > MAX_STORED_RESPONSE or answer.truncated:
        return None
    try:
        return msgspec.json.decode(answer.body)
    except msgspec.DecodeError:
        return answer.body.decode("utf-8", errors="replace")


def _retry_after(answer: OutboundResponse | None) -> str | None:
    """The raw ``Retry-After`` header (seconds or an HTTP date; the retry policy reads both)."""
    if answer is None:
        return None
    return next((v for k, v in answer.headers.items() if k.lower() == "retry-after"), None)


async def _authorized(
    tools: CallTools, action_id: uuid.UUID, action: ActionInput, request: OutboundRequest
) -> OutboundRequest:
    """The signed request; a token endpoint that does not answer fails the step unretried, as a refused token does."""
    try:
        return await tools.auth.authorize(request, action.authentication, action_id)
    except OutboundFailure as exc:  # the action's own call was never made
        raise TokenRequestError(exc.message) from exc


async def _attempt(
    tools: CallTools, action_id: uuid.UUID, action: ActionInput, request: OutboundRequest, remaining: float
) -> OutboundResponse:
    """Authorise and send once; an OAuth2 401 invalidates the cached token and is sent once more."""
    answer = await tools.send(await _authorized(tools, action_id, action, request), remaining)
    if answer.status == 401 and isinstance(action.authentication, OAuth2ClientCredentials):
        tools.auth.forget(action_id)
        answer = await tools.send(await _authorized(tools, action_id, action, request), remaining)
    return answer


def _result(answer: OutboundResponse | None, failure: OutboundFailure | None, attempts: int) -> CallResult:
    if answer is not None and 200 <= answer.status < 300:
        response = stored_response(answer)
        return CallResult(StepOutcome.SUCCEEDED, f"http_{answer.status}", attempts, response, final_url=answer.url)
    if answer is not None:
        error = f"answered HTTP {answer.status}"
        return CallResult(StepOutcome.FAILED, f"http_{answer.status}", attempts, error=error, final_url=answer.url)
    if failure is not None and failure.kind == "timeout":
        return CallResult(StepOutcome.TIMED_OUT, CallStatus.TIMED_OUT, attempts, error=failure.message)
    message = failure.message if failure else "no answer within the timeout"
    if failure is None:
        return CallResult(StepOutcome.TIMED_OUT, CallStatus.TIMED_OUT, attempts, error=message)
    return CallResult(StepOutcome.FAILED, CallStatus.ERROR, attempts, error=message)


async def _send_with_retries(
    tools: CallTools, action_id: uuid.UUID, action: ActionInput, request: OutboundRequest
) -> tuple[CallResult, int | None]:
    """Attempts until success, a final answer, ``maxRetries`` retries, or the timeout budget is spent."""
    budget = action.timeout_ms / 1000
    clock = tools.clock
    started = clock.monotonic()
    attempts = 0
    while True:
        remaining = budget - (clock.monotonic() - started)
        if remaining <= 0:
            return CallResult(StepOutcome.TIMED_OUT, CallStatus.TIMED_OUT, attempts, error="timeout budget spent"), None
        attempts += 1
        answer: OutboundResponse | None = None
        failure: OutboundFailure | None = None
        try:
            answer = await _attempt(tools, action_id, action, request, remaining)
        except OutboundFailure as exc:
            failure = exc
        kind: int | str = answer.status if answer is not None else (failure.kind if failure else "network")
        if answer is not None and 200 <= answer.status < 300:
            return _result(answer, None, attempts), answer.status
        delay = None
        if attempts <= action.max_retries:
            elapsed = clock.monotonic() - started
            delay = should_retry(attempts, kind, elapsed, budget, _retry_after(answer), now=clock.now())
        if delay is None:
            return _result(answer, failure, attempts), answer.status if answer else None
        await clock.sleep(delay)


def _not_sent(detail: dict[str, Any], error: str) -> CallResult:
    """A request that could not be built: the step fails at once (error path when the node has one)."""
    return CallResult(StepOutcome.FAILED, CallStatus.ERROR, 0, error=error, detail={**detail, "error": error})


async def _limited(tools: CallTools, action: ActionInput, host: str, detail: dict[str, Any]) -> CallResult | None:
    """Capping, then throttling: None when the call may go now, else why not (capped, throttled, or parked).

    A call that must wait for its throttling slot is not slept on here: it parks as a due step until the slot,
    so a throttled host never holds the worker's slots that calls to other hosts need.
    """
    if not await tools.limits.allow(host, action.capping):
        metrics.record_capped(host)
        error = f"over the cap of {action.capping.max_calls} calls per {action.capping.period_seconds} s to {host}"
        return CallResult(StepOutcome.CAPPED, CallStatus.CAPPED, 0, error=error, detail={**detail, "error": error})
    if action.throttling is None:
        return None
    wait = await tools.limits.delay(host, action.throttling)
    if wait is None:
        metrics.record_throttled(host)
        error = f"throttled: the next call slot for {host} is over {action.throttling.max_wait_seconds} s away"
        return CallResult(StepOutcome.FAILED, CallStatus.THROTTLED, 0, error=error, detail={**detail, "error": error})
    if wait > 0:
        metrics.record_throttled(host)
        return CallResult(
            StepOutcome.WAITING,
            CallStatus.WAITING,
            0,
            detail={**detail, "throttledForMs": round(wait * 1000)},
            parked_for=wait,
        )
    return None


async def call_action(
    tools: CallTools,
    action_id: uuid.UUID,
    action: ActionInput,
    values: CallValues,
    idempotency_key: str,
    *,
    slot_taken: bool = False,
) -> CallResult:
    """Make the call of an action step and describe it for the step log (never a secret).

    ``slot_taken``: the step was parked for its throttling slot and that slot has come; capping and throttling
    already counted this call, so it goes now (reserving again would push it back behind later calls).
    """
    # The real clock on purpose: durationMs and the latency metric report how long the call really took.
    started = time.monotonic()
    detail: dict[str, Any] = {"method": action.method, "url": safe_url(action.url)}
    try:
        host = endpoint_host(action.url)
        request = build_request(action, values).with_header("Idempotency-Key", idempotency_key)
    except ActionRequestError as exc:
        return _not_sent(detail, str(exc))
    except Exception as exc:  # any other value the builder cannot use: repeating the step would fail the same way
        return _not_sent(detail, f"the request could not be built: {exc}")
    if not slot_taken and (stopped := await _limited(tools, action, host, detail)) is not None:
        return stopped
    try:
        result, code = await _send_with_retries(tools, action_id, action, request)
    except TokenRequestError as exc:
        result, code = CallResult(StepOutcome.FAILED, CallStatus.ERROR, 1, error=f"OAuth2 token: {exc}"), None
    except Exception as exc:  # CR/LF in a header, a bad URL: a step error now, never an interrupted attempt
        result, code = (
            CallResult(StepOutcome.FAILED, CallStatus.ERROR, 1, error=f"the request could not be sent: {exc}"),
            None,
        )
    duration = round((time.monotonic() - started) * 1000, 1)
    metrics.observe_action(result.status, duration / 1000)
    result.detail = {**detail, "status": code, "durationMs": duration, "attempts": result.attempts}
    if result.final_url is not None:  # redirected: where the answer came from (without its query, like ``url``)
        result.detail["finalUrl"] = safe_url(result.final_url)
    if result.error:
        result.detail["error"] = result.error
    return result
