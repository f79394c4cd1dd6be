"""Login: wrong password, lockout, logout ends the session on the server, cookie flags, login CSRF."""

from __future__ import annotations

from starlette.testclient import TestClient

from bot.console.app import create_app
from bot.console.security import ACCOUNT_FAILURES, COOKIE

from .conftest import PASSWORD, add_account, csrf_of, sign_in


def test_wrong_password_is_refused_and_right_one_signs_in(client: TestClient, config) -> None:
    add_account(config, "erika")
    refused = sign_in(client, "erika", "falsch-falsch-falsch")
    assert refused.status_code == 401
    assert "Name oder Passwort ist falsch." in refused.text
    assert client.get("/posteingang", follow_redirects=False).status_code == 303
    accepted = sign_in(client, "erika")
    assert accepted.status_code == 303
    assert client.get("/posteingang").status_code == 200


def test_unknown_account_gets_the_same_answer(client: TestClient) -> None:
    answer = sign_in(client, "niemand", PASSWORD)
    assert answer.status_code == 401
    assert "Name oder Passwort ist falsch." in answer.text


def test_account_locked_after_repeated_failures_even_with_the_right_password(
    client: TestClient, config
) -> None:
    add_account(config, "erika")
    for _ in range(ACCOUNT_FAILURES):
        assert sign_in(client, "erika", "falsch-falsch-falsch").status_code == 401
    locked = sign_in(client, "erika")
    assert locked.status_code == 429
    assert "Zu viele Fehlversuche" in locked.text
    assert COOKIE not in client.cookies


def test_deactivated_account_cannot_sign_in(admin: TestClient, config) -> None:
    add_account(config, "erika")
    page = admin.get("/konten").text
    account_id = page.split('action="/konten/')[1].split('"')[0]
    admin.post(
        f"/konten/{account_id}", data={"csrf": csrf_of(page), "aktion": "deaktivieren", "role": "editor"}
    )
    assert sign_in(TestClient(admin.app), "erika").status_code == 401


def test_session_cookie_is_httponly_and_samesite_strict(client: TestClient, config) -> None:
    add_account(config, "erika")
    header = sign_in(client, "erika").headers["set-cookie"]
    assert f"{COOKIE}=" in header
    assert "HttpOnly" in header
    assert "SameSite=strict" in header or "SameSite=Strict" in header
    assert "Secure" not in header  # plain HTTP here; behind HTTPS the cookie is Secure


def test_session_cookie_is_secure_behind_https(config) -> None:
    add_account(config, "erika")
    https = TestClient(create_app(config), base_url="https://testserver")
    assert "Secure" in sign_in(https, "erika").headers["set-cookie"]


def test_logout_ends_the_session_on_the_server(editor: TestClient) -> None:
    stolen = editor.cookies.get(COOKIE)
    page = editor.get("/posteingang").text
    editor.post("/logout", data={"csrf": csrf_of(page)})
    replay = TestClient(editor.app, cookies={COOKIE: stolen})
    assert replay.get("/posteingang", follow_redirects=False).status_code == 303


def test_login_form_without_its_token_is_refused(client: TestClient, config) -> None:
    add_account(config, "erika")
    client.get("/login")
    answer = client.post("/login", data={"name": "erika", "password": PASSWORD}, follow_redirects=False)
    assert answer.status_code == 403
    assert COOKIE not in client.cookies


def test_address_locked_after_many_failures_across_account_names(client: TestClient, config) -> None:
    from bot.console.security import ADDRESS_FAILURES

    add_account(config, "erika")
    for number in range(ADDRESS_FAILURES):
        assert sign_in(client, f"rate{number}", "falsch-falsch-falsch").status_code == 401
    assert sign_in(client, "erika").status_code == 429
