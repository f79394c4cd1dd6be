"""Konten: an admin creates accounts, changes roles, deactivates; the command line does the same."""

from __future__ import annotations

import subprocess
import sys

from starlette.testclient import TestClient

from bot.console.config import Config
from bot.settings import ROOT

from .conftest import PASSWORD, csrf_of, sign_in


def test_admin_creates_an_editor_who_can_sign_in(admin: TestClient) -> None:
    page = admin.get("/konten").text
    made = admin.post(
        "/konten", data={"csrf": csrf_of(page), "name": "neu", "role": "editor", "password": PASSWORD}
    )
    assert made.status_code == 200 and "neu" in made.text
    assert sign_in(TestClient(admin.app), "neu").status_code == 303
    assert "Konto angelegt" in admin.get("/protokoll").text


def test_short_password_is_refused(admin: TestClient) -> None:
    page = admin.get("/konten").text
    made = admin.post(
        "/konten", data={"csrf": csrf_of(page), "name": "neu", "role": "editor", "password": "kurz"}
    )
    assert made.status_code == 422
    assert "mindestens 10 Zeichen" in made.text


def test_deactivating_ends_the_open_session(admin: TestClient, editor: TestClient) -> None:
    assert editor.get("/posteingang").status_code == 200
    page = admin.get("/konten").text
    erika = page.split("<td>erika</td>")[1].split('action="/konten/')[1].split('"')[0]
    admin.post(f"/konten/{erika}", data={"csrf": csrf_of(page), "aktion": "deaktivieren", "role": "editor"})
    assert editor.get("/posteingang", follow_redirects=False).status_code == 303


def test_promoted_editor_reaches_admin_pages(admin: TestClient, editor: TestClient) -> None:
    page = admin.get("/konten").text
    erika = page.split("<td>erika</td>")[1].split('action="/konten/')[1].split('"')[0]
    admin.post(f"/konten/{erika}", data={"csrf": csrf_of(page), "aktion": "rolle", "role": "admin"})
    assert editor.get("/konten").status_code == 200


def test_user_add_on_the_command_line(config: Config) -> None:
    command = [
        sys.executable,
        "-m",
        "bot.editor",
        "user",
        "add",
        "karl",
        "--role",
        "admin",
        "--password",
        PASSWORD,
        "--database",
        config.database_url,
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    from bot.console.app import create_app

    client = TestClient(create_app(config))
    assert sign_in(client, "karl").status_code == 303
    assert client.get("/konten").status_code == 200


def test_admin_password_from_the_environment_creates_and_updates_admin(config: Config) -> None:
    from bot.console import accounts
    from bot.console.app import create_app
    from bot.console.db import sessions

    for password in ("erstes-passwort-1", "zweites-passwort-2"):
        with sessions(config.database_url).begin() as session:
            accounts.ensure_admin(session, password)
    client = TestClient(create_app(config))
    assert sign_in(client, "admin", "erstes-passwort-1").status_code == 401
    assert sign_in(client, "admin", "zweites-passwort-2").status_code == 303
    assert client.get("/konten").status_code == 200
