"""Read curl's command-line options into a plain request description; which options mean what lives here.

Only what decides the HTTP request is kept. Options that change how curl itself behaves (output, progress,
verbosity) are ignored silently; options we cannot honour (client certificates, proxies, files) become
warnings naming them, and so do options this table does not know.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

DataKind = Literal["data", "raw", "binary", "urlencode", "json"]


@dataclass(frozen=True)
class DataPart:
    """One ``-d``-style option's argument and how curl treats it."""

    kind: DataKind
    value: str


@dataclass
class CurlRequest:
    """What a curl command asks for, before it is turned into an action."""

    method: str | None = None
    urls: list[str] = field(default_factory=list)
    headers: list[tuple[str, str]] = field(default_factory=list)
    data: list[DataPart] = field(default_factory=list)
    form_fields: list[str] = field(default_factory=list)  # -F names (multipart is not supported)
    user: str | None = None
    bearer: str | None = None  # --oauth2-bearer
    get: bool = False  # -G: data goes into the query
    head: bool = False
    upload_file: bool = False
    max_time_seconds: float | None = None
    retries: int | None = None
    warnings: list[str] = field(default_factory=list)


_DATA_OPTIONS: dict[str, DataKind] = {
    "--data": "data",
    "--data-ascii": "data",
    "--data-raw": "raw",
    "--data-binary": "binary",
    "--data-urlencode": "urlencode",
    "--json": "json",
}
_SHORT = {
    "X": "--request",
    "H": "--header",
    "d": "--data",
    "F": "--form",
    "u": "--user",
    "G": "--get",
    "I": "--head",
    "A": "--user-agent",
    "e": "--referer",
    "b": "--cookie",
    "m": "--max-time",
    "T": "--upload-file",
    "o": "--output",
    "w": "--write-out",
    "x": "--proxy",
    "E": "--cert",
    "K": "--config",
    "r": "--range",
    "z": "--time-cond",
    "c": "--cookie-jar",
    "D": "--dump-header",
    "U": "--proxy-user",
    "Y": "--speed-limit",
    "y": "--speed-time",
    "C": "--continue-at",
    "Q": "--quote",
    "t": "--telnet-option",
    "P": "--ftp-port",
    "s": "--silent",
    "S": "--show-error",
    "v": "--verbose",
    "i": "--include",
    "L": "--location",
    "k": "--insecure",
    "f": "--fail",
    "g": "--globoff",
    "N": "--no-buffer",
    "O": "--remote-name",
    "J": "--remote-header-name",
    "#": "--progress-bar",
    "4": "--ipv4",
    "6": "--ipv6",
    "0": "--http1.0",
    "n": "--netrc",
    "q": "--disable",
    "V": "--version",
    "h": "--help",
    "R": "--remote-time",
    "Z": "--parallel",
    "l": "--list-only",
    "a": "--append",
    "B": "--use-ascii",
    "j": "--junk-session-cookies",
    "M": "--manual",
    "p": "--proxytunnel",
    ":": "--next",
}
# Options that take a value and change nothing we import (how curl reports, connects or stores).
_IGNORED_WITH_VALUE = frozenset(
    {"--output", "--write-out", "--dump-header", "--trace", "--trace-ascii", "--stderr", "--limit-rate",
     "--connect-timeout", "--retry-delay", "--retry-max-time", "--speed-limit", "--speed-time", "--max-redirs",
     "--output-dir", "--keepalive-time", "--expect100-timeout", "--happy-eyeballs-timeout-ms", "--max-filesize"}
)  # fmt: skip
# Options that take a value we cannot honour: each is a warning naming the option (never its value).
_UNSUPPORTED_WITH_VALUE = frozenset(
    {"--proxy", "--proxy-user", "--cert", "--key", "--cacert", "--capath", "--cert-type", "--key-type", "--pass",
     "--resolve", "--connect-to", "--interface", "--config", "--cookie-jar", "--range", "--time-cond", "--dns-servers",
     "--continue-at", "--quote", "--telnet-option", "--ftp-port", "--pinnedpubkey", "--aws-sigv4", "--unix-socket",
     "--abstract-unix-socket", "--request-target", "--local-port", "--form-string", "--url-query", "--variable",
     "--proxy-header", "--netrc-file", "--ciphers", "--tls-max", "--crlfile", "--hostpubmd5", "--mail-from",
     "--mail-rcpt", "--noproxy", "--preproxy", "--socks5", "--socks5-hostname", "--socks4", "--socks4a"}
)  # fmt: skip
# Flags without a value that change nothing we import.
_IGNORED_FLAGS = frozenset(
    {"--silent", "--show-error", "--verbose", "--include", "--location", "--fail", "--fail-with-body", "--globoff",
     "--no-buffer", "--progress-bar", "--compressed", "--http1.1", "--http2", "--http2-prior-knowledge", "--http3",
     "--ipv4", "--ipv6", "--no-progress-meter", "--no-keepalive", "--tcp-nodelay", "--location-trusted",
     "--remote-time", "--disable", "--fail-early", "--show-headers", "--no-sessionid", "--styled-output",
     "--no-styled-output", "--path-as-is", "--basic", "--no-alpn", "--no-npn", "--tr-encoding"}
)  # fmt: skip
_NOTED_FLAGS = {
    "--insecure": "--insecure is ignored: actions always verify the TLS certificate",
    "--digest": "--digest is not supported: the credentials were imported as HTTP Basic",
    "--ntlm": "--ntlm is not supported: the credentials were imported as HTTP Basic",
    "--negotiate": "--negotiate is not supported: the credentials were imported as HTTP Basic",
    "--anyauth": "--anyauth is ignored: the credentials were imported as HTTP Basic",
    "--http1.0": "--http1.0 is ignored: actions speak HTTP/1.1",
    "--remote-name": "--remote-name is ignored: actions keep the answer, they do not save files",
    "--remote-name-all": "--remote-name-all is ignored",
    "--remote-header-name": "--remote-header-name is ignored",
    "--netrc": "--netrc is ignored: credentials from a .netrc file cannot be imported",
    "--netrc-optional": "--netrc-optional is ignored: credentials from a .netrc file cannot be imported",
    "--proxytunnel": "--proxytunnel is ignored: actions do not use a proxy",
    "--junk-session-cookies": "--junk-session-cookies is ignored",
    "--parallel": "--parallel is ignored",
    "--next": "--next is ignored: only the first request of the command is imported",
}
_WITH_VALUE = frozenset(
    {"--request", "--header", "--form", "--user", "--user-agent", "--referer", "--cookie", "--max-time",
     "--upload-file", "--url", "--oauth2-bearer", "--retry", *_DATA_OPTIONS, *_IGNORED_WITH_VALUE,
     *_UNSUPPORTED_WITH_VALUE}
)  # fmt: skip


def read_options(words: list[str]) -> CurlRequest:
    """Walk the arguments after ``curl``; a short option's value may be attached (``-XPOST``) or follow."""
    request = CurlRequest()
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word.startswith("--") and len(word) > 2:
            name = word.split("=", 1)[0]
            if name in _WITH_VALUE:
                if index >= len(words):
                    request.warnings.append(f"{name} needs a value and has none; it was ignored")
                    break
                _apply(request, name, words[index])
                index += 1
            else:
                _flag(request, name)
        elif word.startswith("-") and len(word) > 1:
            index = _short_options(request, word[1:], words, index)
        else:
            request.urls.append(word)
    return request


def _short_options(request: CurlRequest, letters: str, words: list[str], index: int) -> int:
    """Apply a cluster of short options (``-sSL``, ``-XPOST``, ``-H`` + next word); return the next index."""
    for position, letter in enumerate(letters):
        name = _SHORT.get(letter)
        if name is None:
            request.warnings.append(f"-{letter} is not an option this import knows; it was ignored")
            continue
        if name not in _WITH_VALUE:
            _flag(request, name)
            continue
        attached = letters[position + 1 :]
        if attached:
            _apply(request, name, attached)
        elif index < len(words):
            _apply(request, name, words[index])
            index += 1
        else:
            request.warnings.append(f"-{letter} needs a value and has none; it was ignored")
        break
    return index


def _flag(request: CurlRequest, name: str) -> None:
    """An option without a value."""
    if name == "--get":
        request.get = True
    elif name == "--head":
        request.head = True
    elif name in _NOTED_FLAGS:
        request.warnings.append(_NOTED_FLAGS[name])
    elif name not in _IGNORED_FLAGS:
        request.warnings.append(f"{name} is not an option this import knows; it was ignored")


def _apply(request: CurlRequest, name: str, value: str) -> None:
    """An option with its value."""
    if name in _DATA_OPTIONS:
        request.data.append(DataPart(_DATA_OPTIONS[name], value))
    elif name == "--request":
        request.method = value.upper()
    elif name == "--header":
        _header(request, value)
    elif name == "--url":
        request.urls.append(value)
    elif name == "--user":
        request.user = value
    elif name == "--oauth2-bearer":
        request.bearer = value
    elif name == "--form":
        request.form_fields.append(value.split("=", 1)[0])
    elif name == "--user-agent":
        request.headers.append(("User-Agent", value))
    elif name == "--referer":
        request.headers.append(("Referer", value.removesuffix(";auto")))
    elif name == "--cookie":
        _cookie(request, value)
    elif name == "--max-time":
        request.max_time_seconds = _number(request, name, value)
    elif name == "--retry":
        retries = _number(request, name, value)
        request.retries = None if retries is None else int(retries)
    elif name == "--upload-file":
        request.upload_file = True
    elif name in _UNSUPPORTED_WITH_VALUE:
        request.warnings.append(f"{name} is not supported by actions; it was ignored")


def _header(request: CurlRequest, value: str) -> None:
    """``Name: value``; ``Name;`` sends an empty header, ``Name:`` removes one (nothing to import)."""
    if value.startswith("@"):
        request.warnings.append("headers read from a file (-H @file) cannot be imported; add them in the editor")
        return
    name, colon, rest = value.partition(":")
    if colon:
        if rest.strip():
            request.headers.append((name.strip(), rest.strip()))
    elif value.rstrip().endswith(";"):
        request.headers.append((value.rstrip()[:-1].strip(), ""))
    else:
        request.warnings.append("a header without a colon (Name: value) was ignored")


def _cookie(request: CurlRequest, value: str) -> None:
    """``-b 'a=1; b=2'`` is a Cookie header; ``-b file`` reads a cookie file, which cannot be imported."""
    if "=" in value:
        request.headers.append(("Cookie", value))
    else:
        request.warnings.append("cookies read from a file (-b file) cannot be imported; add a Cookie header instead")


def _number(request: CurlRequest, name: str, value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        request.warnings.append(f"{name} needs a number; it was ignored")
        return None
    if not math.isfinite(number) or number < 0:
        request.warnings.append(f"{name} needs a number; it was ignored")
        return None
    return number
