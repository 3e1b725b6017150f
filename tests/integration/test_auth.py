"""Sign-in, sessions, tokens and user management through the HTTP API."""

from __future__ import annotations

from litestar import Litestar

from backend.auth.roles import Role
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, PASSWORD, Client, create_user, make_client, sign_in


async def test_first_start_creates_the_admin_who_can_sign_in(client: Client) -> None:
    response = await client.post("/api/auth/login", json={"email": ADMIN_EMAIL.upper(), "password": ADMIN_PASSWORD})
    assert response.status_code == 200
    assert response.json()["role"] == "admin"
    assert "passwordHash" not in response.json()
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    me = await client.get("/api/auth/me")
    assert me.json()["email"] == ADMIN_EMAIL


async def test_wrong_password_is_401_and_sets_no_cookie(client: Client) -> None:
    response = await client.post("/api/auth/login", json={"email": ADMIN_EMAIL, "password": "nope"})
    assert response.status_code == 401
    assert "set-cookie" not in response.headers
    assert (await client.get("/api/auth/me")).status_code == 401


async def test_logout_ends_the_session(admin: Client) -> None:
    response = await admin.post("/api/auth/logout")
    assert response.status_code == 204
    assert "Max-Age=0" in response.headers["set-cookie"]
    assert (await admin.get("/api/auth/me")).status_code == 401


async def test_login_body_errors_name_the_field(client: Client) -> None:
    response = await client.post("/api/auth/login", json={"email": ADMIN_EMAIL})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "password", "message": "is required", "code": "required", "params": {}}
    ]
    response = await client.post("/api/auth/login", json={"email": 5, "password": "x"})
    assert response.json()["errors"][0]["field"] == "email"


async def test_admin_creates_users_and_duplicate_email_is_409(admin: Client) -> None:
    user = await create_user(admin, Role.MARKETER, "Mia@Example.com")
    assert user["email"] == "mia@example.com"
    again = await admin.post("/api/users", json={"email": "MIA@example.com", "password": PASSWORD, "role": "admin"})
    assert again.status_code == 409
    listed = await admin.get("/api/users")
    assert sorted(u["email"] for u in listed.json()) == [ADMIN_EMAIL, "mia@example.com"]


async def test_user_create_validates_every_field(admin: Client) -> None:
    response = await admin.post("/api/users", json={"email": "nope", "password": "short", "role": "boss"})
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields & {"email", "password", "role"}
    assert len((await admin.get("/api/users")).json()) == 1


async def test_deactivating_a_user_ends_sessions_and_tokens_at_once(app: Litestar, admin: Client) -> None:
    user = await create_user(admin, Role.TECHNICAL)
    async with make_client(app) as tech:
        await sign_in(tech, user["email"], PASSWORD)
        token = (await tech.post("/api/tokens", json={"name": "ci"})).json()["token"]
        bearer = {"Authorization": f"Bearer {token}"}
        assert (await tech.get("/api/auth/me", headers=bearer)).status_code == 200
        response = await admin.patch(f"/api/users/{user['id']}", json={"active": False})
        assert response.json()["active"] is False
        assert (await tech.get("/api/auth/me")).status_code == 401
        assert (await tech.get("/api/auth/me", headers=bearer)).status_code == 401
        relogin = await tech.post("/api/auth/login", json={"email": user["email"], "password": PASSWORD})
        assert relogin.status_code == 401


async def test_role_change_applies_to_the_next_request(app: Litestar, admin: Client) -> None:
    user = await create_user(admin, Role.MARKETER)
    async with make_client(app) as client:
        await sign_in(client, user["email"], PASSWORD)
        assert (await client.get("/api/tokens")).status_code == 403
        await admin.patch(f"/api/users/{user['id']}", json={"role": "technical"})
        assert (await client.get("/api/tokens")).status_code == 200


async def test_last_admin_cannot_be_demoted(admin: Client) -> None:
    me = (await admin.get("/api/auth/me")).json()
    response = await admin.patch(f"/api/users/{me['id']}", json={"role": "marketer"})
    assert response.status_code == 409
    assert (await admin.get("/api/auth/me")).json()["role"] == "admin"


async def test_tokens_are_shown_once_stored_hashed_and_revocable(technical: Client) -> None:
    created = await technical.post("/api/tokens", json={"name": "loader"})
    assert created.status_code == 201
    token = created.json()["token"]
    listed = await technical.get("/api/tokens")
    assert token not in listed.text
    assert listed.json()[0]["prefix"] == token[:8]
    bearer = {"Authorization": f"Bearer {token}"}
    assert (await technical.get("/api/auth/me", headers=bearer)).json()["role"] == "technical"
    assert (await technical.delete(f"/api/tokens/{created.json()['id']}")).status_code == 204
    technical.cookies.clear()
    assert (await technical.get("/api/auth/me", headers=bearer)).status_code == 401


async def test_unknown_ids_are_404(admin: Client) -> None:
    missing = "00000000-0000-0000-0000-000000000000"
    assert (await admin.get(f"/api/users/{missing}")).status_code == 404
    assert (await admin.patch(f"/api/users/{missing}", json={"active": False})).status_code == 404
    assert (await admin.delete(f"/api/tokens/{missing}")).status_code == 404


async def test_health_answers_without_credentials(client: Client) -> None:
    response = await client.get("/api/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


async def test_locale_is_null_until_chosen_then_kept(admin: Client) -> None:
    assert (await admin.get("/api/auth/me")).json()["locale"] is None
    response = await admin.patch("/api/auth/me", json={"locale": "de"})
    assert response.status_code == 200
    assert response.json()["locale"] == "de"
    assert (await admin.get("/api/auth/me")).json()["locale"] == "de"
    assert (await admin.patch("/api/auth/me", json={"locale": "en"})).json()["locale"] == "en"


async def test_unknown_locale_is_400_naming_locale(admin: Client) -> None:
    response = await admin.patch("/api/auth/me", json={"locale": "fr"})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["locale"]
    assert (await admin.get("/api/auth/me")).json()["locale"] is None


async def test_each_user_sets_only_their_own_locale(app: Litestar, admin: Client) -> None:
    await create_user(admin, Role.MARKETER)
    async with make_client(app) as marketer:
        await sign_in(marketer, "marketer@example.com", PASSWORD)
        assert (await marketer.patch("/api/auth/me", json={"locale": "de"})).json()["locale"] == "de"
    assert (await admin.get("/api/auth/me")).json()["locale"] is None


async def test_error_answers_carry_a_code_and_its_parameters_beside_the_english_message(admin: Client) -> None:
    unknown = (await admin.patch("/api/auth/me", json={"locale": "fr"})).json()
    assert unknown["errors"] == [
        {"field": "locale", "message": "Invalid enum value 'fr'", "code": "notAllowed", "params": {"value": "fr"}}
    ]
    short = (await admin.post("/api/users", json={"email": "x@y.z", "password": "short", "role": "marketer"})).json()
    assert short["errors"] == [
        {"field": "password", "message": "Expected `str` of length >= 8", "code": "tooShort", "params": {"min": 8}}
    ]
    assert short["detail"] == "password: Expected `str` of length >= 8"
    weak = await admin.post("/api/users", json={"email": "x@y.z", "password": "password1", "role": "marketer"})
    assert [(e["field"], e["code"]) for e in weak.json()["errors"]] == [("password", "weakPassword")]
