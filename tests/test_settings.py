"""The HTTP API token: never open without one, never readable by others."""

from __future__ import annotations

import stat

import pytest

from bot import settings


def test_a_random_token_is_created_once_and_kept_private(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASA_AUTH_TOKEN", raising=False)
    monkeypatch.setattr(settings, "VAR", tmp_path)
    first = settings.auth_token()
    assert len(first) >= 32 and settings.auth_token() == first
    assert stat.S_IMODE((tmp_path / "rasa_token").stat().st_mode) == 0o600


def test_the_environment_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASA_AUTH_TOKEN", "from-env")
    assert settings.auth_token() == "from-env"
