"""curl's command-line options by what they mean to an import: data, value-taking, ignored, unsupported.

Names are the long forms; ``SHORT`` maps each one-letter option to its long form (as curl's manual lists them).
"""

from __future__ import annotations

from typing import Literal

DataKind = Literal["data", "raw", "binary", "urlencode", "json"]

DATA_OPTIONS: dict[str, DataKind] = {
    "--data": "data",
    "--data-ascii": "data",
    "--data-raw": "raw",
    "--data-binary": "binary",
    "--data-urlencode": "urlencode",
    "--json": "json",
}
SHORT = {
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
IGNORED_WITH_VALUE = frozenset(
    {"--output", "--write-out", "--dump-header", "--trace", "--trace-ascii", "--stderr", "--limit-rate",
     "--connect-timeout", "--retry-delay", "--retry-max-time", "--speed-limit", "--speed-time", "--max-redirs",
     "--output-dir", "--keepalive-time", "--expect100-timeout", "--happy-eyeballs-timeout-ms", "--max-filesize"}
)  # fmt: skip
# Options that take a value we cannot honour: each is a warning naming the option (never its value).
UNSUPPORTED_WITH_VALUE = frozenset(
    {"--proxy", "--proxy-user", "--cert", "--key", "--cacert", "--capath", "--cert-type", "--key-type", "--pass",
     "--resolve", "--connect-to", "--interface", "--config", "--cookie-jar", "--range", "--time-cond", "--dns-servers",
     "--continue-at", "--quote", "--telnet-option", "--ftp-port", "--pinnedpubkey", "--aws-sigv4", "--unix-socket",
     "--abstract-unix-socket", "--request-target", "--local-port", "--form-string", "--url-query", "--variable",
     "--proxy-header", "--netrc-file", "--ciphers", "--tls-max", "--crlfile", "--hostpubmd5", "--mail-from",
     "--mail-rcpt", "--noproxy", "--preproxy", "--socks5", "--socks5-hostname", "--socks4", "--socks4a"}
)  # fmt: skip
# Flags without a value that change nothing we import.
IGNORED_FLAGS = frozenset(
    {"--silent", "--show-error", "--verbose", "--include", "--location", "--fail", "--fail-with-body", "--globoff",
     "--no-buffer", "--progress-bar", "--compressed", "--http1.1", "--http2", "--http2-prior-knowledge", "--http3",
     "--ipv4", "--ipv6", "--no-progress-meter", "--no-keepalive", "--tcp-nodelay", "--location-trusted",
     "--remote-time", "--disable", "--fail-early", "--show-headers", "--no-sessionid", "--styled-output",
     "--no-styled-output", "--path-as-is", "--basic", "--no-alpn", "--no-npn", "--tr-encoding"}
)  # fmt: skip
NOTED_FLAGS = {
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
WITH_VALUE = frozenset(
    {"--request", "--header", "--form", "--user", "--user-agent", "--referer", "--cookie", "--max-time",
     "--upload-file", "--url", "--oauth2-bearer", "--retry", *DATA_OPTIONS, *IGNORED_WITH_VALUE,
     *UNSUPPORTED_WITH_VALUE}
)  # fmt: skip
