"""Read curl's command-line options into a plain request description (what each option means: curl_option_table).

Only what decides the HTTP request is kept. Options that change how curl itself behaves (output, progress,
verbosity) are ignored silently; options we cannot honour (client certificates, proxies, files) become
warnings naming them, and so do options the table does not know.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from backend.actions.importers.curl_option_table import (
    DATA_OPTIONS,
    IGNORED_FLAGS,
    NOTED_FLAGS,
    SHORT,
    UNSUPPORTED_WITH_VALUE,
    WITH_VALUE,
    DataKind,
)


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


def read_options(words: list[str]) -> CurlRequest:
    """Walk the arguments after ``curl``; a short option's value may be attached (``-XPOST``) or follow."""
    request = CurlRequest()
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word.startswith("--") and len(word) > 2:
            name, equals, attached = word.partition("=")
            if name in WITH_VALUE and equals:  # curl itself wants a space; the intent is clear, so accept it
                _apply(request, name, attached)
            elif name in WITH_VALUE:
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
        name = SHORT.get(letter)
        if name is None:
            request.warnings.append(f"-{letter} is not an option this import knows; it was ignored")
            continue
        if name not in WITH_VALUE:
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
    elif name in NOTED_FLAGS:
        request.warnings.append(NOTED_FLAGS[name])
    elif name not in IGNORED_FLAGS:
        request.warnings.append(f"{name} is not an option this import knows; it was ignored")


def _apply(request: CurlRequest, name: str, value: str) -> None:
    """An option with its value."""
    if name in DATA_OPTIONS:
        request.data.append(DataPart(DATA_OPTIONS[name], value))
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
    elif name in UNSUPPORTED_WITH_VALUE:
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
