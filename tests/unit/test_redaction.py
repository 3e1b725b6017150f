"""The redaction rule: an action's secrets and their wire forms become ••• in texts, values and log lines."""

from __future__ import annotations

import base64
import io
import logging
import uuid

import msgspec

from backend.actions.redaction import (
    MASK,
    NO_SECRETS,
    QueryFreeLogs,
    Redactor,
    RedactorCache,
    create_redactor,
    without_url_queries,
)
from backend.actions.schemas import ActionInput


def action(**fields: object) -> ActionInput:
    return msgspec.convert({"name": "a", "method": "GET", "url": "https://api.example.com/x", **fields}, ActionInput)


def test_error_texts_lose_every_url_query() -> None:
    text = "400, message='Bad status line', url='http://127.0.0.1:5/hook?api_key=k1&x=2' then https://h/p?q=1#f"
    assert (
        without_url_queries(text) == "400, message='Bad status line', url='http://127.0.0.1:5/hook' then https://h/p#f"
    )
    assert without_url_queries("no url? fine") == "no url? fine"


def test_basic_credentials_are_masked_raw_and_base64_encoded() -> None:
    redactor = create_redactor(action(authentication={"type": "basic", "username": "u", "password": "p4ss-word"}))
    encoded = base64.b64encode(b"u:p4ss-word").decode()
    assert redactor.text(f"Authorization: Basic {encoded}; pw p4ss-word") == f"Authorization: Basic {MASK}; pw {MASK}"


def test_secret_query_values_are_masked_in_their_percent_encoded_forms() -> None:
    secret = "k/1+ä&= z"
    fields = [{"name": "key", "value": secret, "secret": True}, {"name": "plain", "value": "visible"}]
    redactor = create_redactor(action(queryParameters=fields))
    for seen in [
        "k/1+\\u00e4&= z",
        "k/1+ä&= z",
        "k%2F1%2B%C3%A4%26%3D%20z",
        "k%2F1%2B%C3%A4%26%3D+z",
        "k/1%2B%C3%A4%26%3D+z",
    ]:
        assert redactor.text(f"/echo?key={seen}&plain=visible") == f"/echo?key={MASK}&plain=visible"


def test_values_are_walked_only_when_a_secret_is_in_them() -> None:
    redactor = Redactor(["tok-1"])
    clean = {"id": "r-1", "items": [1, 2]}
    assert redactor.value(clean) is clean
    echoed = {"headers": {"authorization": "Bearer tok-1"}, "tok-1": ["x tok-1"], "n": 3}
    assert redactor.value(echoed) == {"headers": {"authorization": f"Bearer {MASK}"}, MASK: [f"x {MASK}"], "n": 3}


def test_an_action_without_secrets_shares_the_no_op_redactor() -> None:
    plain = action(headers=[{"name": "X-Tenant", "value": "acme"}])
    assert create_redactor(plain) is NO_SECRETS
    assert not NO_SECRETS
    body = {"a": "b"}
    assert NO_SECRETS.value(body) is body


def test_a_loaded_action_builds_its_redactor_once_and_tokens_extend_it() -> None:
    action_id = uuid.uuid4()
    loaded = action(authentication={"type": "bearer", "token": "t-0"})
    redactors = RedactorCache()
    first = redactors.for_action(action_id, loaded)
    assert redactors.for_action(action_id, loaded) is first
    assert redactors.for_action(action_id, action(authentication={"type": "bearer", "token": "t-9"})) is not first
    assert RedactorCache().for_action(action_id, loaded) is not first  # each worker owns its cache
    with_token = first.including(("fetched-1",))
    assert with_token is first.including(("fetched-1",))
    assert with_token.text("t-0 fetched-1") == f"{MASK} {MASK}"


def test_log_lines_and_tracebacks_quote_urls_without_their_query() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(QueryFreeLogs())
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    try:
        try:
            raise ValueError("bad answer from http://h/hook?api_key=k-secret")
        except ValueError:
            logger.exception("calling %s failed", "http://h/hook?api_key=k-secret")
    finally:
        logger.removeHandler(handler)
    assert "http://h/hook" in stream.getvalue()
    assert "k-secret" not in stream.getvalue()


def test_a_typed_secret_is_masked_as_configured_and_as_sent() -> None:
    fields = [{"name": "pin", "value": "0042.50", "type": "decimal", "secret": True}]
    redactor = create_redactor(action(queryParameters=fields))
    assert redactor.text("pin=42.5 (configured 0042.50)") == f"pin={MASK} (configured {MASK})"
