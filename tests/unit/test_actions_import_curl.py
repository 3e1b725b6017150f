"""The cURL importer on real-world command shapes (Stripe, Twilio, SendGrid, Slack, GitHub, Mailgun, browsers)."""

from __future__ import annotations

import base64
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.actions.importers.curl import import_curl
from backend.actions.importers.shell_words import split_command
from backend.actions.schemas import ActionInput
from backend.errors import InvalidInputError, PayloadTooLargeError
from backend.input_limits import MAX_CURL_COMMAND_BYTES


def draft(command: str) -> tuple[dict[str, Any], list[str]]:
    """The draft as the API answers it (camelCase JSON), and its warnings."""
    imported = import_curl(command)
    wire = msgspec.to_builtins(imported.action)
    # The draft is exactly what POST /api/actions accepts.
    msgspec.json.decode(msgspec.json.encode(wire), type=ActionInput)
    return wire, imported.warnings


def constants(fields: list[dict[str, Any]]) -> dict[str, Any]:
    return {f["name"]: f["value"] for f in fields}


def payload(wire: dict[str, Any]) -> dict[str, Any]:
    return {f["path"]: f["value"] for f in wire["requestPayload"]["fields"]}


def joined(warnings: list[str]) -> str:
    return "\n".join(warnings)


# --- Stripe: -u key: with form data; -G with query data ------------------------------------------------


def test_stripe_charge_key_as_user_name_is_a_secret_header_and_form_fields_with_a_warning() -> None:
    wire, warnings = draft(
        """curl https://api.stripe.com/v1/charges \\
  -u sk_test_4eC39HqLyjWDarjtT1zdp7dc: \\
  -d amount=2000 \\
  -d currency=usd \\
  -d "metadata[order_id]=6735" """
    )
    assert wire["method"] == "POST"
    assert wire["url"] == "https://api.stripe.com/v1/charges"
    expected = "Basic " + base64.b64encode(b"sk_test_4eC39HqLyjWDarjtT1zdp7dc:").decode()
    assert wire["authentication"] == {
        "type": "apiKey",
        "name": "Authorization",
        "value": expected,
        "location": "header",
    }
    assert wire["requestPayload"]["example"] == {"amount": "2000", "currency": "usd", "metadata[order_id]": "6735"}
    assert "application/x-www-form-urlencoded" in joined(warnings)
    assert "sk_test" not in joined(warnings)


def test_stripe_list_with_get_moves_data_into_the_query() -> None:
    wire, _ = draft("curl -G https://api.stripe.com/v1/customers -u sk_test_123: -d limit=3 -d email=a@b.c")
    assert wire["method"] == "GET"
    assert constants(wire["queryParameters"]) == {"limit": "3", "email": "a@b.c"}
    assert wire["requestPayload"] is None


def test_stripe_idempotency_key_header_is_not_taken_for_a_credential() -> None:
    wire, _ = draft(
        "curl https://api.stripe.com/v1/refunds -u sk_test_1: -H 'Idempotency-Key: KG5LxwFBepaKHyUD' -d charge=ch_1"
    )
    assert wire["headers"] == [
        {
            "name": "Idempotency-Key",
            "kind": "constant",
            "value": "KG5LxwFBepaKHyUD",
            "type": "string",
            "label": None,
            "required": True,
            "secret": False,
        }
    ]


# --- Twilio: -X POST, --data-urlencode, -u SID:TOKEN with shell variables -------------------------------


def test_twilio_message_basic_auth_from_shell_variables_and_urlencoded_form() -> None:
    wire, warnings = draft(
        """curl -X POST "https://api.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Messages.json" \\
--data-urlencode "Body=Hi there & welcome" \\
--data-urlencode "From=+15557122661" \\
--data-urlencode "To=+15558675310" \\
-u $TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN"""
    )
    assert wire["authentication"] == {
        "type": "basic",
        "username": "$TWILIO_ACCOUNT_SID",
        "password": "$TWILIO_AUTH_TOKEN",
    }
    assert wire["requestPayload"]["example"] == {
        "Body": "Hi there & welcome",
        "From": "+15557122661",
        "To": "+15558675310",
    }
    assert "$TWILIO_ACCOUNT_SID, $TWILIO_AUTH_TOKEN" in joined(warnings)
    assert "form data" in joined(warnings)


def test_twilio_basic_auth_with_literal_credentials() -> None:
    wire, _ = draft("curl 'https://api.twilio.com/2010-04-01/Accounts/AC1/Calls.json' -u 'AC1:auth-token-77'")
    assert wire["method"] == "GET"
    assert wire["authentication"] == {"type": "basic", "username": "AC1", "password": "auth-token-77"}


# --- SendGrid, Slack: bearer header and a JSON body ------------------------------------------------------


def test_sendgrid_mail_send_bearer_and_nested_json_with_derived_fields() -> None:
    wire, warnings = draft(
        """curl --request POST \\
  --url https://api.sendgrid.com/v3/mail/send \\
  --header 'Authorization: Bearer SG.abc.def' \\
  --header 'Content-Type: application/json' \\
  --data '{"personalizations": [{"to": [{"email": "test@example.com"}]}],"from": {"email": "test@example.com"},
  "subject": "Sending with SendGrid is Fun","content": [{"type": "text/plain", "value": "and easy"}]}'"""
    )
    assert wire["authentication"] == {"type": "bearer", "token": "SG.abc.def"}
    assert wire["headers"] == []  # Content-Type follows the JSON body
    assert payload(wire) == {
        "personalizations.0.to.0.email": "test@example.com",
        "from.email": "test@example.com",
        "subject": "Sending with SendGrid is Fun",
        "content.0.type": "text/plain",
        "content.0.value": "and easy",
    }
    assert warnings == []


def test_slack_post_message_with_charset_content_type() -> None:
    wire, warnings = draft(
        """curl -X POST -H 'Authorization: Bearer xoxb-1234-56789abcdefghijklmnop' \\
-H 'Content-type: application/json; charset=utf-8' \\
--data '{"channel":"C061EG9SL","text":"I hope the tour went well, Mr. Wonka.","unfurl_links":false}' \\
https://slack.com/api/chat.postMessage"""
    )
    assert wire["url"] == "https://slack.com/api/chat.postMessage"
    assert wire["authentication"]["token"] == "xoxb-1234-56789abcdefghijklmnop"
    fields = {f["path"]: (f["type"], f["value"]) for f in wire["requestPayload"]["fields"]}
    assert fields["unfurl_links"] == ("boolean", False)
    assert warnings == []


def test_slack_single_quoted_dollar_is_not_a_shell_variable() -> None:
    _, warnings = draft(
        """curl -d '{"text": "costs $PRICE"}' -H 'Content-Type: application/json' https://hooks.slack.com/x"""
    )
    assert warnings == []


# --- GitHub: -L, repeated -H, token in Authorization with another scheme --------------------------------


def test_github_create_issue_with_repeated_headers() -> None:
    wire, warnings = draft(
        """curl -L \\
  -X POST \\
  -H "Accept: application/vnd.github+json" \\
  -H "Authorization: Bearer <YOUR-TOKEN>" \\
  -H "X-GitHub-Api-Version: 2022-11-28" \\
  https://api.github.com/repos/OWNER/REPO/issues \\
  -d '{"title":"Found a bug","body":"I'"'"'m having a problem.","assignees":["octocat"],
  "milestone":1,"labels":["bug"]}'"""
    )
    assert constants(wire["headers"]) == {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    assert wire["authentication"] == {"type": "bearer", "token": "<YOUR-TOKEN>"}
    assert payload(wire)["body"] == "I'm having a problem."
    assert payload(wire)["milestone"] == 1
    assert payload(wire)["assignees.0"] == "octocat"
    assert warnings == []


def test_github_token_scheme_is_an_api_key_on_authorization() -> None:
    wire, _ = draft('curl -H "Authorization: token ghp_abc" https://api.github.com/user/repos')
    assert wire["authentication"] == {
        "type": "apiKey",
        "name": "Authorization",
        "value": "token ghp_abc",
        "location": "header",
    }


def test_github_vendor_json_content_type_is_kept() -> None:
    wire, _ = draft(
        """curl -X PATCH -H 'Content-Type: application/merge-patch+json' -d '{"a":1}' https://api.github.com/x"""
    )
    assert constants(wire["headers"]) == {"Content-Type": "application/merge-patch+json"}
    assert wire["method"] == "PATCH"


# --- Mailgun: --user api:KEY with -F multipart -----------------------------------------------------------


def test_mailgun_multipart_form_is_a_warning_naming_the_fields() -> None:
    wire, warnings = draft(
        """curl -s --user 'api:key-3ax6xnjp29jd6fds4gc373sgvjxteol0' \\
    https://api.mailgun.net/v3/samples.mailgun.org/messages \\
    -F from='Excited User <excited@samples.mailgun.org>' \\
    -F to='devs@mailgun.net' \\
    -F subject='Hello' \\
    -F text='Testing some Mailgun awesomeness!'"""
    )
    assert wire["method"] == "POST"
    assert wire["authentication"] == {
        "type": "basic",
        "username": "api",
        "password": "key-3ax6xnjp29jd6fds4gc373sgvjxteol0",
    }
    assert wire["requestPayload"] is None
    assert "-F sends a multipart form" in joined(warnings)
    assert "from, subject, text, to" in joined(warnings)
    assert "key-3ax6" not in joined(warnings)


# --- API keys in headers and in the query ---------------------------------------------------------------


def test_x_api_key_header_becomes_api_key_authentication() -> None:
    wire, _ = draft("curl https://api.example.com/v1/things -H 'X-Api-Key: k-123' -H 'Accept: application/json'")
    assert wire["authentication"] == {"type": "apiKey", "name": "X-Api-Key", "value": "k-123", "location": "header"}
    assert constants(wire["headers"]) == {"Accept": "application/json"}


def test_a_second_credential_header_is_kept_as_a_secret_header() -> None:
    wire, _ = draft("curl https://api.datadoghq.com/api/v1/validate -H 'DD-API-KEY: a1' -H 'DD-APPLICATION-KEY: b2'")
    assert wire["authentication"]["name"] == "DD-API-KEY"
    assert wire["headers"][0]["name"] == "DD-APPLICATION-KEY"
    assert wire["headers"][0]["secret"] is True


def test_api_key_in_the_query_becomes_query_authentication() -> None:
    wire, _ = draft("curl 'https://maps.example.com/api/geocode/json?address=Berlin&key=AIza-123'")
    assert wire["url"] == "https://maps.example.com/api/geocode/json"
    assert constants(wire["queryParameters"]) == {"address": "Berlin"}
    assert wire["authentication"] == {"type": "apiKey", "name": "key", "value": "AIza-123", "location": "query"}


def test_trello_key_and_token_query_parameters_are_both_secret() -> None:
    wire, _ = draft("curl 'https://api.trello.com/1/members/me/boards?key=K1&token=T1&fields=name'")
    assert wire["authentication"]["name"] == "key"
    token = next(f for f in wire["queryParameters"] if f["name"] == "token")
    assert token["secret"] is True
    assert constants(wire["queryParameters"])["fields"] == "name"


def test_oauth2_bearer_option() -> None:
    wire, _ = draft("curl --oauth2-bearer tok-9 https://api.example.com/me")
    assert wire["authentication"] == {"type": "bearer", "token": "tok-9"}


def test_basic_authorization_header_is_decoded() -> None:
    encoded = base64.b64encode(b"svc:pa55").decode()
    wire, _ = draft(f"curl -H 'Authorization: Basic {encoded}' https://api.example.com/me")
    assert wire["authentication"] == {"type": "basic", "username": "svc", "password": "pa55"}


def test_user_without_password_asks_for_it_in_the_editor() -> None:
    wire, warnings = draft("curl -u alice https://api.example.com/me")
    assert wire["authentication"] == {"type": "basic", "username": "alice", "password": None}
    assert "-u has no password" in joined(warnings)


# --- --json, methods, -G, -I, -T -------------------------------------------------------------------------


def test_json_option_implies_post_json_and_accept() -> None:
    wire, warnings = draft("""curl --json '{"name": "ann", "age": 41, "score": 9.5}' https://api.example.com/users""")
    assert wire["method"] == "POST"
    assert constants(wire["headers"]) == {"Accept": "application/json"}
    types = {f["path"]: f["type"] for f in wire["requestPayload"]["fields"]}
    assert types == {"name": "string", "age": "integer", "score": "decimal"}
    assert warnings == []


def test_json_that_is_not_json_is_a_warning() -> None:
    wire, warnings = draft("curl --json '{broken' https://api.example.com/users")
    assert wire["requestPayload"] is None
    assert "--json body is not a JSON object or array" in joined(warnings)


def test_explicit_put_with_attached_short_option_value() -> None:
    wire, _ = draft("""curl -XPUT -H'Content-Type: application/json' -d'{"a":1}' https://api.example.com/a/1""")
    assert wire["method"] == "PUT"
    assert payload(wire) == {"a": 1}


def test_combined_short_flags_with_a_trailing_value_option() -> None:
    wire, warnings = draft("curl -sSLX DELETE https://api.example.com/a/1")
    assert wire["method"] == "DELETE"
    assert warnings == []


def test_plain_url_is_a_get_without_body() -> None:
    wire, warnings = draft("curl https://api.example.com/status")
    assert (wire["method"], wire["requestPayload"], wire["name"]) == ("GET", None, "GET api.example.com/status")
    assert warnings == []


def test_body_on_a_get_is_left_out_with_a_warning() -> None:
    wire, warnings = draft("""curl -X GET -d '{"q": 1}' https://api.example.com/search""")
    assert wire["requestPayload"] is None
    assert "GET requests carry no body" in joined(warnings)


def test_head_is_not_an_action_method() -> None:
    wire, warnings = draft("curl -I https://api.example.com/")
    assert wire["method"] == "GET"
    assert "cannot send HEAD" in joined(warnings)


# --- files are refused, never read -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "option",
    ["-d @/etc/passwd", "--data-binary @payload.json", "--json @body.json", "--data-urlencode name@/etc/hosts"],
)
def test_data_from_a_file_is_refused_with_a_warning(option: str) -> None:
    wire, warnings = draft(f"curl -X POST {option} https://api.example.com/upload")
    assert wire["requestPayload"] is None
    assert "read from a file (@file), which cannot be imported" in joined(warnings)


def test_data_raw_keeps_a_leading_at_sign() -> None:
    wire, _ = draft("curl --data-raw '@mention=ann' https://api.example.com/a")
    assert wire["requestPayload"]["example"] == {"@mention": "ann"}


def test_upload_file_is_refused() -> None:
    wire, warnings = draft("curl -T report.json https://api.example.com/upload")
    assert wire["method"] == "PUT"
    assert "-T uploads a file" in joined(warnings)


def test_header_file_is_refused() -> None:
    _, warnings = draft("curl -H @headers.txt https://api.example.com/")
    assert "headers read from a file" in joined(warnings)


# --- quoting and continuations ---------------------------------------------------------------------------


def test_chrome_copy_as_curl_bash_with_ansi_c_strings() -> None:
    wire, warnings = draft(
        "curl 'https://api.example.com/v1/notes' \\\n"
        "  -H 'accept: application/json' \\\n"
        "  -H 'content-type: application/json' \\\n"
        '  --data-raw $\'{"text":"it\\\'s \\\\u00e9t\\\\u00e9","n":1}\' \\\n'
        "  --compressed"
    )
    assert wire["requestPayload"]["example"] == {"text": "it's \u00e9t\u00e9", "n": 1}
    assert constants(wire["headers"]) == {"accept": "application/json"}
    assert warnings == []


def test_chrome_copy_as_curl_cmd_with_caret_escapes_and_continuations() -> None:
    wire, warnings = draft(
        'curl ^"https://api.example.com/v1/notes?page=2^&size=10^" ^\r\n'
        '  -H ^"accept: application/json^" ^\r\n'
        '  -H ^"x-api-key: k-42^" ^\r\n'
        '  --data-raw ^"^{^\\^"text^\\^":^\\^"100^%^\\^"^}^"'
    )
    assert constants(wire["queryParameters"]) == {"page": "2", "size": "10"}
    assert wire["authentication"]["value"] == "k-42"
    assert wire["requestPayload"]["example"] == {"text": "100%"}
    assert warnings == []


def test_windows_double_quotes_with_escaped_inner_quotes() -> None:
    wire, _ = draft('curl -X POST "https://api.example.com/a" -H "Content-Type: application/json" -d "{\\"a\\": true}"')
    assert wire["requestPayload"]["example"] == {"a": True}


def test_shell_prompt_and_a_pipe_are_cut_off() -> None:
    wire, warnings = draft("$ curl -s https://api.example.com/users | jq '.[0]'")
    assert wire["url"] == "https://api.example.com/users"
    assert "everything from '|' on was ignored" in joined(warnings)


def test_curl_exe_and_a_full_path_are_curl() -> None:
    assert draft(r"C:\Windows\System32\curl.exe https://api.example.com/")[0]["method"] == "GET"
    assert draft("/usr/bin/curl https://api.example.com/")[0]["method"] == "GET"


def test_split_command_keeps_quoted_newlines_and_joins_continuations() -> None:
    assert split_command("curl \\\n -d 'a\nb' x").words == ["curl", "-d", "a\nb", "x"]


# --- URLs, repeated names, unknown options, limits --------------------------------------------------------


def test_url_without_scheme_gets_http_like_curl() -> None:
    wire, warnings = draft("curl localhost:8080/health")
    assert wire["url"] == "http://localhost:8080/health"
    assert "no scheme" in joined(warnings)


def test_repeated_query_parameter_keeps_the_last_value_with_a_warning() -> None:
    wire, warnings = draft("curl 'https://api.example.com/a?tag=x&tag=y&flag='")
    assert constants(wire["queryParameters"]) == {"tag": "y", "flag": ""}
    assert "'tag' appears more than once" in joined(warnings)


def test_unknown_and_unsupported_options_are_listed() -> None:
    _, warnings = draft("curl --frobnicate -k --proxy http://p:3128 --cert c.pem -W https://api.example.com/")
    text = joined(warnings)
    assert "--frobnicate is not an option this import knows" in text
    assert "--insecure is ignored" in text
    assert "--proxy is not supported" in text
    assert "--cert is not supported" in text
    assert "-W is not an option this import knows" in text


def test_max_time_and_retry_are_clamped_to_what_actions_allow() -> None:
    wire, warnings = draft("curl -m 5 --retry 7 https://api.example.com/")
    assert (wire["timeoutMs"], wire["maxRetries"]) == (5000, 3)
    assert "--retry was set to 3" in joined(warnings)
    wire, warnings = draft("curl --max-time 120 https://api.example.com/")
    assert wire["timeoutMs"] == 30_000
    assert "--max-time was set to 30000 ms" in joined(warnings)


def test_user_agent_referer_and_cookie_become_headers_the_cookie_secret() -> None:
    wire, _ = draft("curl -A 'jb/1.0' -e https://ref.example.com -b 'sid=1; theme=dark' https://api.example.com/")
    assert constants(wire["headers"]) == {
        "User-Agent": "jb/1.0",
        "Referer": "https://ref.example.com",
        "Cookie": "sid=1; theme=dark",
    }
    assert [h["name"] for h in wire["headers"] if h["secret"]] == ["Cookie"]


def test_a_draft_saving_would_refuse_says_so() -> None:
    _, warnings = draft("curl ftp://files.example.com/a")
    assert "saving will fail until this is fixed: url: must be an absolute http:// or https:// URL" in joined(warnings)


def test_non_json_non_form_body_is_a_warning() -> None:
    wire, warnings = draft("curl -X POST -H 'Content-Type: text/xml' -d '<a>1</a>' https://api.example.com/soap")
    assert wire["requestPayload"] is None
    assert wire["headers"] == []
    assert "neither JSON nor form data" in joined(warnings)


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("wget https://example.com", "is not a cURL command"),
        ("http POST https://example.com a=1", "is not a cURL command"),
        ("curl 'https://example.com", "is not a valid shell command (no closing quotation)"),
        ("curl -s -H 'Accept: x'", "has no URL"),
        ("curl $'\\U7fffffff'", "is not a valid shell command"),
        ("curl https://example.com/\x00", "NUL"),
    ],
)
def test_what_is_not_a_curl_command_is_a_400_naming_command(command: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        import_curl(command)
    assert [p.field for p in caught.value.errors] == ["command"]
    assert message in caught.value.errors[0].message


def test_a_command_over_the_size_limit_is_a_413() -> None:
    with pytest.raises(PayloadTooLargeError) as caught:
        import_curl("curl https://example.com -d '" + "a" * MAX_CURL_COMMAND_BYTES + "'")
    assert caught.value.errors[0].field == "command"


def test_a_form_key_with_a_dot_stays_in_the_example_without_a_field() -> None:
    wire, _ = draft("curl -d 'user.name=ann&plan=pro' https://api.example.com/signup")
    assert wire["requestPayload"]["example"] == {"user.name": "ann", "plan": "pro"}
    assert payload(wire) == {"plan": "pro"}


def test_a_url_python_cannot_split_again_still_gives_a_draft_saving_refuses() -> None:
    wire, warnings = draft("curl //a]b")
    assert wire["name"].startswith("GET ")
    assert "saving will fail until this is fixed: url: is not a valid URL" in joined(warnings)


@pytest.mark.parametrize("depth", [33, 5_000])
def test_a_json_body_nested_too_deep_is_a_400_naming_command(depth: int) -> None:
    with pytest.raises(InvalidInputError) as caught:
        import_curl("curl -d '" + "[" * depth + "]" * depth + "' https://api.example.com/a")
    assert [p.field for p in caught.value.errors] == ["command"]
    assert "nested deeper than 32 levels" in caught.value.errors[0].message


def test_a_nul_character_made_by_quoting_is_a_warning_that_saving_will_fail() -> None:
    _, warnings = draft("curl -H $'X-Note: a\\x00b' -d 'a=%00' https://api.example.com/a")
    assert "saving will fail until this is fixed" in joined(warnings)
    assert "NUL" in joined(warnings)


def test_credentials_in_the_url_become_basic_authentication_and_leave_the_url() -> None:
    wire, warnings = draft("curl https://svc:p%40ss@api.example.com:8443/v1/a")
    assert wire["url"] == "https://api.example.com:8443/v1/a"
    assert wire["authentication"] == {"type": "basic", "username": "svc", "password": "p@ss"}
    assert "p@ss" not in joined(warnings)
    assert "p%40ss" not in joined(warnings)


def test_credentials_in_the_url_give_way_to_user_option() -> None:
    wire, warnings = draft("curl -u alice:pw1 https://bob:pw2@api.example.com/a")
    assert wire["url"] == "https://api.example.com/a"
    assert wire["authentication"] == {"type": "basic", "username": "alice", "password": "pw1"}
    assert "user name and password in the URL were ignored" in joined(warnings)


def test_cmd_environment_variables_are_named_in_a_warning() -> None:
    wire, warnings = draft('curl ^\n -H "Authorization: Bearer %API_TOKEN%" ^\n https://api.example.com/a')
    assert wire["authentication"] == {"type": "bearer", "token": "%API_TOKEN%"}
    assert "%API_TOKEN%" in joined(warnings)


_PIECES = st.sampled_from(
    ["curl ", " -d ", " -H ", " -u ", " -G", " --json ", " -F ", " -X ", "https://a.example.com/", "?k=v&key=s", "$'",
     "'", '"', "\\", "^", "\n", "{", "}", "[", "]", ":", "=", "&", "@", "%00", "\\x00", "|", "$A", "a", "1", " "]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=30))
def test_any_text_gives_a_savable_shaped_draft_or_a_400_never_a_crash(pieces: list[str]) -> None:
    try:
        imported = import_curl("".join(pieces))
    except (InvalidInputError, PayloadTooLargeError) as exc:
        refused = exc
    else:
        msgspec.json.decode(msgspec.json.encode(imported.action), type=ActionInput)
        return
    assert [p.field for p in refused.errors] == ["command"]


def test_long_option_with_an_equals_sign_takes_its_value_from_there() -> None:
    wire, _ = draft("curl --request=PUT --header='X-Tenant: acme' https://api.example.com/a")
    assert (wire["method"], wire["url"]) == ("PUT", "https://api.example.com/a")
    assert constants(wire["headers"]) == {"X-Tenant": "acme"}
