"""The journeys list: create, duplicate, export, import and delete."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import httpx
from conftest import unique
from playwright.sync_api import Page, expect

SignIn = Callable[[Page, str, str], None]


def test_marketer_creates_duplicates_exports_imports_and_deletes_journeys(
    page: Page,
    base_url: str,
    api: httpx.Client,
    sign_in: SignIn,
    create_user: Callable[[str], tuple[str, str]],
    tmp_path: Path,
) -> None:
    sign_in(page, *create_user("marketer"))
    name = unique("Welcome series")
    page.get_by_role("button", name="Create journey").click()
    page.get_by_label("Journey name").fill(name)
    page.get_by_role("button", name="Create", exact=True).click()
    expect(page).to_have_url(re.compile(r"/journeys/[0-9a-f-]{36}$"))

    page.goto(f"{base_url}/journeys")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=name, exact=True))
    expect(row).to_contain_text("draft")
    expect(row).to_contain_text("v1")

    row.get_by_role("button", name="Duplicate").click()
    copy = page.get_by_role("row").filter(has=page.get_by_role("link", name=f"Copy of {name}", exact=True))
    expect(copy).to_contain_text("draft")

    with page.expect_download() as download_info:
        row.get_by_role("button", name="Export").click()
    exported = tmp_path / "export.json"
    download_info.value.save_as(exported)
    document = json.loads(exported.read_text())
    assert document["format"] == "journey-builder"
    assert document["name"] == name

    imported_name = unique("Imported series")
    exported.write_text(json.dumps({**document, "name": imported_name}))
    page.get_by_label("Import journey file").set_input_files(exported)
    expect(page.get_by_role("link", name=imported_name, exact=True)).to_be_visible()

    page.once("dialog", lambda dialog: dialog.accept())
    copy.get_by_role("button", name="Delete").click()
    expect(page.get_by_role("link", name=f"Copy of {name}", exact=True)).to_have_count(0)
    names = {journey["name"] for journey in api.get("/api/journeys").json()}
    assert {name, imported_name} <= names
    assert f"Copy of {name}" not in names


def test_importing_a_file_that_is_not_a_journey_shows_why(
    page: Page, sign_in: SignIn, create_user: Callable[[str], tuple[str, str]], tmp_path: Path
) -> None:
    sign_in(page, *create_user("marketer"))
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something-else"}')
    page.get_by_label("Import journey file").set_input_files(bad)
    expect(page.get_by_role("alert")).to_contain_text("Import failed")
    bad.write_text("not json")
    page.get_by_label("Import journey file").set_input_files(bad)
    expect(page.get_by_role("alert")).to_contain_text("is not a JSON file")


def test_published_journeys_show_their_status_and_offer_no_delete(
    page: Page,
    api: httpx.Client,
    sign_in: SignIn,
    create_user: Callable[[str], tuple[str, str]],
    create_event_type: Callable[..., dict[str, object]],
) -> None:
    event_type = create_event_type()
    definition = {
        "nodes": [
            {"type": "event", "id": "start", "position": {"x": 0, "y": 0}, "eventTypeId": event_type["id"]},
            {"type": "end", "id": "done", "position": {"x": 0, "y": 150}},
        ],
        "edges": [{"id": "e1", "source": "start", "target": "done", "sourceHandle": "next"}],
    }
    journey = api.post("/api/journeys", json={"name": unique("Live one"), "definition": definition}).json()
    published = api.post(f"/api/journeys/{journey['id']}/publish")
    assert published.status_code == 200, published.text
    sign_in(page, *create_user("marketer"))
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=journey["name"], exact=True))
    expect(row).to_contain_text("live")
    expect(row.get_by_role("button", name="Duplicate")).to_be_visible()
    expect(row.get_by_role("button", name="Export")).to_be_visible()
    expect(row.get_by_role("button", name="Delete")).to_have_count(0)
