"""Every page needs a session, admin pages an admin, every form its CSRF token; security headers."""

from __future__ import annotations

import re

from starlette.routing import Route
from starlette.testclient import TestClient

from bot.console.app import PUBLIC, routes

from .conftest import csrf_of


def _protected() -> list[tuple[str, str]]:
    """(method, example path) of every route that is not public."""
    found = []
    for route in routes():
        if not isinstance(route, Route) or route.path in PUBLIC:
            continue
        path = re.sub(r"\{[^}]*:int\}", "1", route.path)
        path = re.sub(r"\{[^}]*\}", "x", path)
        found += [(method, path) for method in sorted(route.methods or {"GET"}) if method != "HEAD"]
    return found


def test_no_page_without_login(client: TestClient) -> None:
    protected = _protected()
    assert len(protected) >= 15
    for method, path in protected:
        answer = client.request(method, path, follow_redirects=False)
        if path.startswith("/api/"):
            assert answer.status_code == 401, path
        else:
            assert answer.status_code == 303, (method, path)
            assert answer.headers["location"].startswith("/login"), path


def test_json_request_without_login_gets_401(client: TestClient) -> None:
    answer = client.get("/posteingang", headers={"Accept": "application/json"})
    assert answer.status_code == 401
    assert answer.json() == {"fehler": "Bitte anmelden."}


def test_login_comes_back_to_the_page_asked_for(client: TestClient, config) -> None:
    from .conftest import add_account, sign_in

    add_account(config, "erika")
    login_page = client.get("/antworten")
    assert "weiter" in str(login_page.url)
    token = csrf_of(login_page.text)
    answer = client.post(
        "/login",
        data={"name": "erika", "password": "richtig-geheim-123", "csrf": token, "weiter": "/antworten"},
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/antworten"
    assert sign_in(client, "erika").headers["location"] == "/"


def test_editor_refused_on_admin_pages(editor: TestClient) -> None:
    for path in ("/konten", "/protokoll"):
        assert editor.get(path).status_code == 403
    token = csrf_of(editor.get("/posteingang").text)
    made = editor.post(
        "/konten", data={"csrf": token, "name": "mallory", "role": "admin", "password": "x" * 12}
    )
    assert made.status_code == 403
    assert "Konten" not in editor.get("/posteingang").text.split("<main")[0]


def test_admin_reaches_admin_pages(admin: TestClient) -> None:
    assert admin.get("/konten").status_code == 200
    assert "Anmeldung" in admin.get("/protokoll").text


def test_form_without_csrf_token_is_refused(editor: TestClient) -> None:
    for path in ("/logout", "/training/start", "/antworten/hsu_overview"):
        answer = editor.post(path, data={"question": "x"})
        assert answer.status_code == 403, path
        assert "Sicherheitstoken" in answer.text
    assert editor.get("/posteingang").status_code == 200  # still signed in: the logout was refused


def test_form_with_a_foreign_token_is_refused(editor: TestClient) -> None:
    answer = editor.post("/logout", data={"csrf": "von-einer-anderen-seite"})
    assert answer.status_code == 403


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/login").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
