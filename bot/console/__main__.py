"""`python -m bot.console`: the editors' web console on 127.0.0.1:EDITOR_PORT."""

from __future__ import annotations

import argparse
import sys

import uvicorn

from bot.console import accounts
from bot.console.app import create_app
from bot.console.config import Config
from bot.console.db import sessions
from bot.settings import Settings


def main(argv: list[str] | None = None) -> int:
    """Create or update the admin account from EDITOR_ADMIN_PASSWORD, then serve the console."""
    settings = Settings()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=settings.editor_host)
    parser.add_argument("--port", type=int, default=settings.editor_port)
    args = parser.parse_args(argv)
    config = Config.from_settings(settings)
    if settings.editor_admin_password:
        try:
            with sessions(config.database_url).begin() as session:
                accounts.ensure_admin(session, settings.editor_admin_password)
        except accounts.AccountError as error:
            print(f"EDITOR_ADMIN_PASSWORD: {error}", file=sys.stderr)
            return 2
    print(f"Redaktionskonsole: http://{args.host}:{args.port}/", flush=True)
    # No WebSockets (the console has none; the environment's `websockets` is too old for uvicorn's).
    uvicorn.run(create_app(config), host=args.host, port=args.port, log_level="warning", ws="none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
