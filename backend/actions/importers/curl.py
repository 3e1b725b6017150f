"""Turn a pasted cURL command into a draft custom action (not saved) and the warnings a person should read.

Parsed with shell quoting rules (``shell_words``), never executed: files are not read, variables not
expanded. Nothing here knows HTTP frameworks or the database; the controller only passes the text in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast, get_args
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

import msgspec

from backend.actions.importers.curl_auth import Credentials
from backend.actions.importers.curl_body import CurlBody, read_body, request_payload
from backend.actions.importers.curl_options import CurlRequest, read_options
from backend.actions.importers.shell_words import ShellSyntaxError, split_command
from backend.actions.schemas import ActionField, ActionInput, Method
from backend.actions.validation import validate_action
from backend.errors import InvalidInputError
from backend.input_limits import MAX_CURL_COMMAND_BYTES, NUL, NUL_MESSAGE, json_problem, too_large

FIELD = "command"
_METHODS: frozenset[str] = frozenset(get_args(Method))
_CURL = re.compile(r"^(?:.*/)?curl(?:\.exe)?$", re.IGNORECASE)
# A Windows path to curl.exe loses its backslashes to POSIX quoting, so it is read before splitting.
_WINDOWS_CURL = re.compile(r'^\s*"?[A-Za-z]:\\[^"\r\n]*?\\curl(?:\.exe)?"?(?=\s|$)', re.IGNORECASE)
# Headers the HTTP client sets itself; a copied value would be wrong for the action's own request.
_CLIENT_HEADERS = frozenset({"host", "content-length", "connection", "transfer-encoding", "expect", "accept-encoding"})
# Content types that follow from the body the action sends (JSON), or that it cannot send (form, multipart).
_BODY_TYPES = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
_MAX_TIMEOUT_MS, _MIN_TIMEOUT_MS, _MAX_RETRIES = 30_000, 100, 3


@dataclass
class CurlDraft:
    """The draft action and what the person should check before saving it."""

    action: ActionInput
    warnings: list[str] = field(default_factory=list)


def _refuse(message: str) -> InvalidInputError:
    return InvalidInputError.field(FIELD, message)


def _words(command: str) -> tuple[list[str], list[str]]:
    """The arguments after ``curl``, and the warnings about what was cut off; 400 when it is not curl."""
    size = len(command.encode())
    if size > MAX_CURL_COMMAND_BYTES:
        raise too_large(FIELD, "the command", size, MAX_CURL_COMMAND_BYTES)
    if NUL in command:
        raise _refuse(NUL_MESSAGE)
    try:
        split = split_command(_WINDOWS_CURL.sub("curl", command, count=1))
    except ShellSyntaxError as exc:
        raise _refuse(f"is not a valid shell command ({exc})") from None
    if not split.words:
        raise _refuse("is empty: paste a command that starts with curl")
    if not _CURL.match(split.words[0]):
        raise _refuse("is not a cURL command: it must start with curl")
    warnings = []
    if split.dropped:
        warnings.append(f"everything from {split.dropped[0]!r} on was ignored: only the curl command is imported")
    if split.variables:
        listed = ", ".join(split.variables)
        warnings.append(f"the command uses shell variables ({listed}): their values are unknown here, replace them")
    return split.words[1:], warnings


def import_curl(command: str) -> CurlDraft:
    """The draft action a cURL command describes; 400 (413 when too long) naming ``command`` when it is none."""
    words, warnings = _words(command)
    request = read_options(words)
    if not request.urls:
        raise _refuse("has no URL")
    warnings += request.warnings
    if len(request.urls) > 1:
        warnings.append(f"the command has {len(request.urls)} URLs: only the first one was imported")
    body = read_body(request.data)
    method = _method(request, body, warnings)
    url, query, userinfo = _split_url(request.urls[0], warnings)
    credentials = _credentials(request, userinfo, warnings)
    if request.get and body.encoding == "form":
        query += body.form
    elif request.get and (body.encoding or body.problem):
        warnings.append("-G puts the data into the query, but the data is not name=value pairs: it was left out")
    query_fields = _named_fields(query, credentials.query_parameter, "query parameter", warnings)
    header_fields = _named_fields(_headers(request, body), credentials.header, "header", warnings)
    action = ActionInput(
        name=_name(method, url),
        method=method,
        url=url,
        description="Imported from a cURL command",
        headers=header_fields,
        query_parameters=query_fields,
        authentication=credentials.authentication,
        request_payload=None if request.get else request_payload(method, body, warnings),
    )
    warnings += credentials.warnings
    _delivery(action, request, warnings)
    return CurlDraft(action, warnings + _save_problems(action))


def _save_problems(action: ActionInput) -> list[str]:
    """What saving the draft as it is would refuse, so the person sees it before pressing Save."""
    wire = msgspec.to_builtins(action)
    if problem := json_problem(wire):
        return [f"saving will fail until this is fixed: {problem.field}: {problem.message}"]
    try:
        msgspec.convert(wire, ActionInput)
        validate_action(action, secret_required=False)
    except msgspec.ValidationError as exc:
        return [f"saving will fail until this is fixed: {exc}"]
    except InvalidInputError as exc:
        return [f"saving will fail until this is fixed: {p.field}: {p.message}" for p in exc.errors]
    return []


def _method(request: CurlRequest, body: CurlBody, warnings: list[str]) -> Method:
    """``-X`` wins; else ``-I`` HEAD, ``-G`` GET, ``-T`` PUT, data POST, nothing GET (as curl decides)."""
    has_data = bool(request.data)
    implied = "GET" if request.get or not (has_data or request.upload_file) else "PUT" if not has_data else "POST"
    if request.upload_file:
        warnings.append("-T uploads a file, which cannot be imported: paste the body as a -d JSON example instead")
    method = request.method or ("HEAD" if request.head else implied)
    if request.form_fields:
        warnings.append(
            "-F sends a multipart form, which actions cannot send: the form fields "
            f"({', '.join(sorted(set(request.form_fields)))}) were left out"
        )
        method = request.method or "POST"
    if method not in _METHODS:
        fallback = "POST" if body.encoding else "GET"
        warnings.append(f"actions cannot send {method} requests ({', '.join(sorted(_METHODS))}): {fallback} was used")
        method = fallback
    return cast(Method, method)


def _credentials(request: CurlRequest, userinfo: str | None, warnings: list[str]) -> Credentials:
    """``-u`` (else the URL's ``user:password@``), or ``--oauth2-bearer``; headers and query may add more."""
    credentials = Credentials()
    if userinfo is not None and (request.user is not None or request.bearer is not None):
        warnings.append("the user name and password in the URL were ignored: the command also gives -u or a token")
    user = request.user if request.user is not None else userinfo
    if user is not None:
        credentials.user(user)
    elif request.bearer is not None:
        credentials.bearer(request.bearer)
    return credentials


def _split_url(raw: str, warnings: list[str]) -> tuple[str, list[tuple[str, str]], str | None]:
    """The URL without credentials, query and fragment; the query's pairs in order; ``user:password`` or None.

    curl's default scheme is http; credentials in the URL are curl's other way of writing ``-u``.
    """
    if "://" not in raw:
        warnings.append("the URL has no scheme: http:// was assumed, as curl does")
        raw = f"http://{raw}"
    try:
        parts = urlsplit(raw)
    except ValueError:
        raise _refuse("has a URL that cannot be read") from None
    userinfo, at, host = parts.netloc.rpartition("@")
    url = urlunsplit((parts.scheme, host, parts.path, "", ""))
    return url, parse_qsl(parts.query, keep_blank_values=True), unquote(userinfo) if at else None


def _headers(request: CurlRequest, body: CurlBody) -> list[tuple[str, str]]:
    """The headers the action should send itself (``--json`` adds ``Accept: application/json`` as curl does)."""
    headers = list(request.headers)
    if any(part.kind == "json" for part in request.data) and not any(n.lower() == "accept" for n, _ in headers):
        headers.append(("Accept", "application/json"))
    kept = []
    for name, value in headers:
        lowered = name.lower()
        if lowered in _CLIENT_HEADERS:
            continue
        if lowered == "content-type" and (value.split(";")[0].strip().lower() in _BODY_TYPES or not body.encoding):
            continue
        kept.append((name, value))
    return kept


def _named_fields(
    pairs: list[tuple[str, str]], place: Callable[[str, str], ActionField | None], what: str, warnings: list[str]
) -> list[ActionField]:
    """One constant per name (the last value of a repeated one, as APIs mostly read it); credentials go to ``place``."""
    by_name: dict[str, tuple[str, str]] = {}
    for name, value in pairs:
        key = name.lower() if what == "header" else name
        if key in by_name:
            warnings.append(f"the {what} {name!r} appears more than once: the last value was kept")
        by_name[key] = (name, value)
    fields = [place(name, value) for name, value in by_name.values()]
    return [spec for spec in fields if spec is not None]


def _delivery(action: ActionInput, request: CurlRequest, warnings: list[str]) -> None:
    """``--max-time`` and ``--retry`` within what actions allow."""
    if request.max_time_seconds is not None:
        wanted = request.max_time_seconds * 1000
        action.timeout_ms = (
            int(min(max(wanted, _MIN_TIMEOUT_MS), _MAX_TIMEOUT_MS)) if math.isfinite(wanted) else _MAX_TIMEOUT_MS
        )
        if action.timeout_ms != wanted:
            warnings.append(f"--max-time was set to {action.timeout_ms} ms, the nearest timeout actions allow")
    if request.retries is not None:
        action.max_retries = min(request.retries, _MAX_RETRIES)
        if action.max_retries != request.retries:
            warnings.append(f"--retry was set to {_MAX_RETRIES}, the most retries actions allow")


def _name(method: str, url: str) -> str:
    """A readable, editable default name: ``POST api.stripe.com/v1/charges``."""
    try:
        parts = urlsplit(url)
    except ValueError:  # a URL the person must fix anyway (the warnings say so)
        return f"{method} {url}"[:100]
    return f"{method} {parts.netloc}{parts.path.rstrip('/')}"[:100]
