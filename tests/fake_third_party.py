"""A fake third-party REST API on 127.0.0.1 for tests: records every request and answers as scripted.

Runs in its own threads, so it serves any event loop (and sync code, and a separate app process).

    with FakeThirdParty() as api:
        api.route("POST", "/orders", status=201, json={"id": "o-1"})      # default answer of a route
        api.queue("POST", "/orders", Reply(status=503), Reply(status=500))  # one-shot answers, used first
        api.route("GET", "/slow", delay=2.0)                              # answer after 2 s
        api.route("GET", "/hang", hang=True)                              # never answer (until stop)
        token_url = api.oauth2_token_endpoint(client_id="id", client_secret="s")  # grant -> "token-1", ...
        api.route("GET", "/me", require_token=True)                       # 401 unless a current bearer token
        api.revoke_tokens()                                               # issued tokens stop working
        api.route("GET", "/garbage", raw=b"not http")                     # bytes that are not HTTP, then close
        api.route("GET", "/echo", echo=True)                              # JSON of the request's headers and query
        ... call api.url + "/orders" ...
        api.requests_to("/orders")[0].json                                # what arrived
    closed_port_url()                                                     # a URL where nothing listens

Unknown routes answer 404 ``{"error": "no route"}``. Each RecordedRequest has method, path, query (dict of
lists), headers (lower-case names), body bytes, the raw target, ``json`` and ``form`` helpers.
"""

from __future__ import annotations

import base64
import json as jsonlib
import socket
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Reply:
    """One scripted answer: status, JSON or raw body, headers, an optional delay or a hang.

    ``raw`` is written to the socket as is (no status line), ``echo`` answers the request's target, headers and query.
    """

    status: int = 200
    json: Any = None
    body: bytes | str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    hang: bool = False
    require_token: bool = False
    raw: bytes | None = None
    echo: bool = False


@dataclass(frozen=True)
class RecordedRequest:
    """A request as the fake received it."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    target: str = ""  # the request line's target as sent (path and raw query)

    @property
    def json(self) -> Any:
        """The body parsed as JSON."""
        return jsonlib.loads(self.body)

    @property
    def form(self) -> dict[str, str]:
        """The body parsed as an urlencoded form (single values)."""
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}

    def basic_auth(self) -> tuple[str, str] | None:
        """User and password of an ``Authorization: Basic`` header."""
        value = self.headers.get("authorization", "")
        if not value.startswith("Basic "):
            return None
        user, _, password = base64.b64decode(value[6:]).decode().partition(":")
        return user, password


@dataclass
class _OAuth2:
    client_id: str
    client_secret: str
    expires_in: int
    issued: list[str] = field(default_factory=list)
    valid: set[str] = field(default_factory=set)


class _Server(ThreadingHTTPServer):
    """A listen backlog of 5 (the standard library's) drops the SYNs of a worker's burst of new connections;
    the client retries them a second or more later, so calls time out on the test server, not on the code."""

    daemon_threads = True
    request_queue_size = 256


class FakeThirdParty:
    """The fake server; use as a context manager or call ``start()``/``stop()``."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._host = host
        self._lock = threading.Lock()
        self._routes: dict[tuple[str, str], Reply] = {}
        self._queues: dict[tuple[str, str], deque[Reply]] = {}
        self._requests: list[RecordedRequest] = []
        self._oauth: dict[str, _OAuth2] = {}
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321``."""
        assert self._server is not None, "start the fake first"
        return f"http://{self._host}:{self._server.server_address[1]}"

    def route(self, method: str, path: str, **reply: Any) -> None:
        """Set the default answer of ``method path`` (keyword arguments of ``Reply``)."""
        with self._lock:
            self._routes[(method.upper(), path)] = Reply(**reply)

    def queue(self, method: str, path: str, *replies: Reply) -> None:
        """Answers used once each, in order, before the route's default answer."""
        with self._lock:
            self._queues.setdefault((method.upper(), path), deque()).extend(replies)

    def oauth2_token_endpoint(
        self, path: str = "/oauth/token", *, client_id: str, client_secret: str, expires_in: int = 3600
    ) -> str:
        """Serve the client-credentials grant (credentials via HTTP Basic); returns the token URL."""
        with self._lock:
            self._oauth[path] = _OAuth2(client_id, client_secret, expires_in)
        return self.url + path

    def issued_tokens(self, path: str = "/oauth/token") -> list[str]:
        """Access tokens issued so far, oldest first (``token-1``, ``token-2``, ...)."""
        with self._lock:
            return list(self._oauth[path].issued)

    def revoke_tokens(self) -> None:
        """Make every issued token invalid for ``require_token`` routes (the next grant issues a new one)."""
        with self._lock:
            for oauth in self._oauth.values():
                oauth.valid.clear()

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received, in order."""
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """Requests received for ``path``."""
        return [r for r in self.requests if r.path == path]

    def clear(self) -> None:
        """Forget recorded requests (routes stay)."""
        with self._lock:
            self._requests.clear()

    def start(self) -> FakeThirdParty:
        """Listen on a free port in a background thread."""
        self._server = _Server((self._host, 0), _handler_for(self))
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        """Release hanging handlers and close the port."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakeThirdParty:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def _record_and_pick(self, request: RecordedRequest) -> Reply | tuple[int, Any]:
        key = (request.method, request.path)
        with self._lock:
            self._requests.append(request)
            if request.path in self._oauth:
                return self._grant(self._oauth[request.path], request)
            queued = self._queues.get(key)
            reply = queued.popleft() if queued else self._routes.get(key)
            if reply is None:
                return 404, {"error": "no route"}
            if reply.require_token and not self._token_ok(request):
                return 401, {"error": "invalid_token"}
            return reply

    def _grant(self, oauth: _OAuth2, request: RecordedRequest) -> tuple[int, Any]:
        if request.method != "POST" or request.form.get("grant_type") != "client_credentials":
            return 400, {"error": "unsupported_grant_type"}
        if request.basic_auth() != (oauth.client_id, oauth.client_secret):
            return 401, {"error": "invalid_client"}
        token = f"token-{len(oauth.issued) + 1}"
        oauth.issued.append(token)
        oauth.valid.add(token)
        return 200, {"access_token": token, "token_type": "Bearer", "expires_in": oauth.expires_in}

    def _token_ok(self, request: RecordedRequest) -> bool:
        value = request.headers.get("authorization", "")
        return value.startswith("Bearer ") and any(value[7:] in o.valid for o in self._oauth.values())


def _handler_for(fake: FakeThirdParty) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            return

        def _serve(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            parts = urlsplit(self.path)
            recorded = RecordedRequest(
                method=self.command,
                path=parts.path,
                query=parse_qs(parts.query),
                headers={k.lower(): v for k, v in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
                target=self.path,
            )
            picked = fake._record_and_pick(recorded)
            reply = picked if isinstance(picked, Reply) else Reply(status=picked[0], json=picked[1])
            if reply.hang:
                fake._stopping.wait()
                return
            if reply.delay and fake._stopping.wait(reply.delay):
                return
            if reply.raw is not None:
                self.wfile.write(reply.raw)
                self.close_connection = True
                return
            if reply.echo:
                reply = Reply(status=reply.status, json=_echo(recorded, self.path))
            self._answer(reply)

        def _answer(self, reply: Reply) -> None:
            headers = dict(reply.headers)
            if reply.json is not None:
                body = jsonlib.dumps(reply.json).encode()
                headers.setdefault("Content-Type", "application/json")
            else:
                body = reply.body.encode() if isinstance(reply.body, str) else reply.body or b""
            self.send_response(reply.status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    return Handler


def _echo(request: RecordedRequest, target: str) -> dict[str, Any]:
    """What an echoing endpoint answers: the request line's target as received, headers and query."""
    return {"target": target, "headers": request.headers, "query": request.query}


def closed_port_url(host: str = "127.0.0.1") -> str:
    """A URL on a port nothing listens on (connections are refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port = sock.getsockname()[1]
    return f"http://{host}:{port}"
