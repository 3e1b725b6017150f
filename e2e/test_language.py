"""The UI in German: the switch in the user menu, the saved choice over the browser's language, the canvas."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from playwright.sync_api import Browser, Page, expect
from test_canvas import create_journey, node
from test_validate import published_walkthrough

SignIn = Callable[[Page, str, str], None]
Factory = Callable[..., dict[str, Any]]
CreateUser = Callable[[str], tuple[str, str]]


def sign_in_german(page: Page, base_url: str, email: str, password: str) -> None:
    """Sign in through the form as a German browser shows it."""
    page.goto(f"{base_url}/sign-in")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()


def test_canvas_walkthrough_in_german_and_the_choice_survives_a_reload(
    page: Page,
    base_url: str,
    api: httpx.Client,
    sign_in: SignIn,
    create_user: CreateUser,
    create_action: Factory,
    create_event_type: Factory,
) -> None:
    event_type, action = create_event_type(), create_action()
    journey = create_journey(api)
    sign_in(page, *create_user("marketer"))
    page.goto(f"{base_url}/journeys/{journey['id']}")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_label("Language").select_option("de")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    palette = page.get_by_role("complementary", name="Palette")
    events = palette.get_by_role("region", name="Ereignisse")
    orchestration = palette.get_by_role("region", name="Orchestrierung")
    actions = palette.get_by_role("region", name="Aktion", exact=True)
    expect(events.get_by_role("button", name=event_type["name"])).to_be_visible()
    for step in ("Bedingung", "Warten", "Ende"):
        expect(orchestration.get_by_role("button", name=step, exact=True)).to_be_visible()
    expect(actions.get_by_role("button", name=action["name"])).to_be_visible()

    pane = page.locator(".react-flow__pane")
    events.get_by_role("button", name=event_type["name"]).drag_to(pane, target_position={"x": 160, "y": 90})
    actions.get_by_role("button", name=action["name"]).drag_to(pane, target_position={"x": 420, "y": 250})
    expect(page.get_by_role("status")).to_have_text("Ungespeicherte Änderungen")
    page.get_by_label(f"Ausgang weiter von {event_type['name']}").drag_to(node(page, "Aktion", action["name"]))
    expect(page.locator(".react-flow__edge")).to_have_count(1)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_have_text("Alle Änderungen gespeichert")

    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(palette.get_by_role("region", name="Orchestrierung")).to_be_visible()
    expect(node(page, "Ereignis", event_type["name"])).to_be_visible()
    expect(page.get_by_role("button", name="Veröffentlichen")).to_be_visible()
    expect(page.get_by_label("Sprache")).to_have_value("de")


def test_browser_language_counts_until_a_choice_is_saved(
    browser: Browser, base_url: str, create_user: CreateUser
) -> None:
    email, password = create_user("marketer")
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{base_url}/sign-in")
        expect(page.locator("html")).to_have_attribute("lang", "de")
        sign_in_german(page, base_url, email, password)
        expect(page.get_by_role("heading", name="Journeys")).to_be_visible()
        expect(page.get_by_role("button", name="Journey erstellen")).to_be_visible()

        # The saved choice wins over the browser's German.
        page.get_by_label("Sprache").select_option("en")
        expect(page.get_by_role("button", name="Create journey")).to_be_visible()
        page.reload()
        expect(page.get_by_role("button", name="Create journey")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", "en")
    finally:
        context.close()


def test_api_errors_are_worded_in_german_by_their_code(
    page: Page, base_url: str, sign_in: SignIn, create_user: CreateUser
) -> None:
    sign_in(page, *create_user("admin"))
    page.goto(f"{base_url}/admin/users")
    page.get_by_label("Language").select_option("de")
    form = page.get_by_role("form", name="Benutzer hinzufügen")
    form.get_by_label("E-Mail").fill("kurz@example.com")
    form.get_by_label("Passwort").fill("kurz")
    form.get_by_role("button", name="Benutzer hinzufügen").click()
    expect(form.locator(".field").filter(has_text="Passwort")).to_contain_text("muss mindestens 8 Zeichen lang sein")
    expect(form).not_to_contain_text("Expected")


def test_locked_contract_and_event_field_types_in_german(
    page: Page,
    base_url: str,
    api: httpx.Client,
    sign_in: SignIn,
    create_user: CreateUser,
    create_action: Factory,
    create_event_type: Factory,
) -> None:
    event_type, action, journey = published_walkthrough(api, create_event_type, create_action)
    sign_in(page, *create_user("technical"))
    page.goto(f"{base_url}/admin/actions/{action['id']}")
    page.get_by_label("Language").select_option("de")
    locked = page.get_by_role("region", name="Vertrag in Verwendung")
    expect(locked).to_contain_text(f"Verwendet von {journey['name']} (Live)")
    expect(page.get_by_label("Methode")).to_be_disabled()
    expect(page.get_by_label("Feld amount Typ")).to_be_disabled()
    locked.get_by_role("button", name="Aktion duplizieren").click()
    expect(page.get_by_role("status")).to_contain_text(f"Dupliziert als {action['name']} (copy)")

    page.goto(f"{base_url}/admin/event-types/{event_type['id']}")
    fields = page.get_by_role("table", name="Ereignisfelder")
    expect(fields.get_by_role("columnheader")).to_have_text(["Feld", "Typ", "Erforderlich"])
    expect(page.get_by_label("Feld email erforderlich")).to_be_checked()
    expect(page.get_by_label("Feld cart.total Typ")).to_have_value("decimal")
