"""Split a pasted shell command into words the way a shell would, without ever running anything.

POSIX quoting is ``shlex``'s; around it: bash ``\\``-newline continuations, bash ``$'…'`` strings (browsers'
"Copy as cURL" writes them), and Windows cmd's ``^`` escapes and ``^``-newline continuations ("Copy as cURL
(cmd)"). Words after a pipe or command separator are dropped: one command is imported, never a pipeline.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

_BASH_CONTINUATION = re.compile(r"\\\r?\n")
_CMD_CONTINUATION = re.compile(r"\^\r?\n")
# cmd.exe: ^ escapes the next character; a quote escaped that way is how "Copy as cURL (cmd)" quotes.
_CMD_MARKERS = re.compile(r"\^\r?\n|\^\"")
_CMD_ESCAPE = re.compile(r"\^(.)", re.DOTALL)
_ANSI_C_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b"}
_ANSI_C_ESCAPES |= {"e": "\x1b", "E": "\x1b", "f": "\f", "v": "\v", "?": "?"}
_ANSI_C_NUMERIC = re.compile(r"x([0-9a-fA-F]{1,2})|u([0-9a-fA-F]{1,4})|U([0-9a-fA-F]{1,8})|([0-7]{1,3})")
_SEPARATORS = frozenset({"|", "||", "&&", ";", "&", ">", ">>", "<", "2>", "2>&1", "|&"})
_CMD_VARIABLE = re.compile(r"%([A-Za-z_][A-Za-z0-9_]*)%")  # cmd.exe expands %NAME% (``%^`` escapes it)
_QUOTING = re.compile(r"[\\'\"$]")  # what changes the quoting state (or starts $'…' or a variable)
_VARIABLE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")
_PROMPT = re.compile(r"^\s*(?:\$|>|PS [^>]*>)\s+")


class ShellSyntaxError(ValueError):
    """The text cannot be split into words (an unclosed quote)."""


@dataclass
class ShellWords:
    """The words of the first command, and what was set aside on the way."""

    words: list[str]
    dropped: list[str] = field(default_factory=list)  # the separator and what followed it
    variables: list[str] = field(default_factory=list)  # $NAME, %NAME%: what a shell would expand


def split_command(text: str) -> ShellWords:
    """The words of ``text`` as a POSIX shell (or cmd.exe, when it is written for cmd) would pass them."""
    text = _PROMPT.sub("", text, count=1)
    variables: list[str] = []
    if _CMD_MARKERS.search(text):
        variables += [f"%{name}%" for name in _CMD_VARIABLE.findall(text)]
        text = _CMD_ESCAPE.sub(r"\1", _CMD_CONTINUATION.sub(" ", text))
    text = _expand_ansi_c_strings(_BASH_CONTINUATION.sub("", text), variables)
    try:
        words = shlex.split(text, comments=False, posix=True)
    except ValueError as exc:  # "No closing quotation", "No escaped character"
        raise ShellSyntaxError(str(exc).lower()) from None
    variables = sorted(set(variables))
    for index, word in enumerate(words):
        if word in _SEPARATORS:
            return ShellWords(words[:index], words[index:], variables)
    return ShellWords(words, [], variables)


def _expand_ansi_c_strings(text: str, variables: list[str]) -> str:
    """Rewrite every ``$'…'`` outside other quotes as a plain single-quoted word holding its decoded text.

    On the way, note each ``$NAME`` / ``${NAME}`` a shell would expand (outside single quotes) in ``variables``.
    Jumps from one quoting character to the next, so a long body costs a few regex searches, not a Python loop.
    """
    out: list[str] = []
    index, quote = 0, ""
    while index < len(text):
        if quote == "'":  # nothing is special inside single quotes but the closing one
            end = text.find("'", index)
            end = len(text) - 1 if end < 0 else end
            out.append(text[index : end + 1])
            index, quote = end + 1, ""
            continue
        match = _QUOTING.search(text, index)
        if match is None:
            out.append(text[index:])
            break
        start = match.start()
        out.append(text[index:start])
        char, index = text[start], start + 1
        if char == "\\":
            out.append(text[start : start + 2])
            index = start + 2
            continue
        if char == "$" and not quote and text.startswith("$'", start):
            decoded, index = _ansi_c_string(text, start + 2)
            out.append(shlex.quote(decoded))
            continue
        if char == "$" and (name := _VARIABLE.match(text, start)):
            variables.append(f"${name.group(1)}")
        elif char == '"' and quote in {"", '"'}:
            quote = "" if quote else '"'
        elif char == "'" and not quote:
            quote = "'"
        out.append(char)
    return "".join(out)


def _ansi_c_string(text: str, start: int) -> tuple[str, int]:
    """The decoded content of a ``$'…'`` string starting after its opening quote, and the index after it."""
    out: list[str] = []
    index = start
    while index < len(text):
        char = text[index]
        if char == "'":
            return "".join(out), index + 1
        if char != "\\" or index + 1 >= len(text):
            out.append(char)
            index += 1
            continue
        following = text[index + 1]
        if following in _ANSI_C_ESCAPES:
            out.append(_ANSI_C_ESCAPES[following])
            index += 2
        elif match := _ANSI_C_NUMERIC.match(text, index + 1):
            hex_digits = match.group(1) or match.group(2) or match.group(3)
            code = int(hex_digits, 16) if hex_digits else int(match.group(4), 8)
            if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                raise ShellSyntaxError(f"\\{match.group(0)} is not a character")
            out.append(chr(code))
            index = match.end()
        else:
            out.append(text[index : index + 2])
            index += 2
    raise ShellSyntaxError("no closing quotation")
