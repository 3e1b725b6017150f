"""The syntax of text templates, in one place for the runtime that fills them and the validation that checks them.

A template is text with ``{{ path }}`` placeholders; the one filter is ``{{ path | default: "text" }}`` (single
or double quotes, backslash escapes), used when the path is missing or null.
"""

from __future__ import annotations

import re
from functools import lru_cache

import msgspec

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_FILTER_NAME = re.compile(r"^\s*([A-Za-z_]\w*)")
_DEFAULT_FILTER = re.compile(r"""^default\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')$""", re.DOTALL)


class TemplateSyntaxError(ValueError):
    """A placeholder the runtime cannot fill, whatever the context."""


class Placeholder(msgspec.Struct, frozen=True):
    """One ``{{ … }}``: the path it reads and the text used when that path is missing or null."""

    path: str
    default: str | None = None


def _filter_problem(text: str) -> str:
    name = _FILTER_NAME.match(text)
    if name is None or name.group(1) != "default":
        shown = name.group(1) if name else text.strip()
        return f'unknown template filter {shown!r}; the only filter is default: "text"'
    return 'the filter default needs a text in quotes, e.g. default: "none"'


@lru_cache(maxsize=4096)
def parse_placeholder(expression: str) -> Placeholder:
    """The path and default of the text between ``{{`` and ``}}``; cached, templates repeat for every event."""
    path, bar, rest = expression.partition("|")
    path = path.strip()
    if not path:
        raise TemplateSyntaxError("empty {{ }} placeholder: it names no path")
    if not bar:
        return Placeholder(path)
    found = _DEFAULT_FILTER.match(rest.strip())
    if found is None:
        raise TemplateSyntaxError(_filter_problem(rest))
    text = found.group(1) if found.group(1) is not None else found.group(2)
    return Placeholder(path, re.sub(r"\\(.)", r"\1", text))


def placeholder_texts(template: str) -> list[str]:
    """The raw text inside each ``{{ … }}`` of ``template``."""
    return PLACEHOLDER.findall(template)
