"""Accounts: Argon2 password hashes, roles, deactivation, the `admin` account from EDITOR_ADMIN_PASSWORD."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.console.db import audit
from bot.console.models import ADMIN, ROLES, Account, LoginSession

HASHER = PasswordHasher()
# A hash to verify against when the account does not exist, so both cases take the same time.
_DUMMY_HASH = HASHER.hash("kein-konto")
MIN_PASSWORD = 10
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")


class AccountError(ValueError):
    """An account cannot be created or changed; the message says why in German."""


def check_name(name: str) -> str:
    """A valid account name (2–32 lower-case letters, digits, . _ -)."""
    if not _NAME.match(name):
        raise AccountError("Name: 2 bis 32 Kleinbuchstaben, Ziffern, Punkt, Unterstrich oder Bindestrich")
    return name


def check_password(password: str) -> str:
    """A password long enough to resist guessing."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Das Passwort braucht mindestens {MIN_PASSWORD} Zeichen")
    return password


def find(session: Session, name: str) -> Account | None:
    """The account of that name, if any."""
    return session.scalar(select(Account).where(Account.name == name))


def add(session: Session, name: str, role: str, password: str, by: str) -> Account:
    """Create an account; the name must be new."""
    if role not in ROLES:
        raise AccountError(f"Rolle muss {' oder '.join(ROLES)} sein")
    if find(session, check_name(name)):
        raise AccountError(f"Das Konto {name} gibt es schon")
    account = Account(name=name, role=role, password_hash=HASHER.hash(check_password(password)), active=True)
    session.add(account)
    audit(session, by, "Konto angelegt", f"{name} ({role})")
    session.flush()
    return account


def set_password(session: Session, account: Account, password: str, by: str) -> None:
    """Give an account a new password; its open sessions end."""
    account.password_hash = HASHER.hash(check_password(password))
    end_sessions(session, account)
    audit(session, by, "Passwort gesetzt", account.name)


def ensure_admin(session: Session, password: str) -> Account:
    """Create the account `admin`, or give it this password, the admin role and make it active."""
    account = find(session, "admin")
    if account is None:
        return add(session, "admin", ADMIN, password, "system")
    if not verify(account, password):
        set_password(session, account, password, "system")
    account.role, account.active = ADMIN, True
    return account


def verify(account: Account | None, password: str) -> bool:
    """True when the password is the account's (checked with the same effort when there is no account)."""
    try:
        return HASHER.verify(account.password_hash if account else _DUMMY_HASH, password) and bool(account)
    except (VerificationError, InvalidHashError):
        return False


def set_role(session: Session, account: Account, role: str, by: str) -> None:
    """Change an account's role."""
    if role not in ROLES:
        raise AccountError(f"Rolle muss {' oder '.join(ROLES)} sein")
    account.role = role
    audit(session, by, "Rolle geändert", f"{account.name}: {role}")


def set_active(session: Session, account: Account, active: bool, by: str) -> None:
    """Deactivate (its sessions end at once) or reactivate an account."""
    account.active = active
    if not active:
        end_sessions(session, account)
    audit(session, by, "Konto aktiviert" if active else "Konto deaktiviert", account.name)


def end_sessions(session: Session, account: Account) -> None:
    """End every open session of an account."""
    for row in session.scalars(select(LoginSession).where(LoginSession.account_id == account.id)):
        session.delete(row)


def all_accounts(session: Session) -> list[Account]:
    """Every account by name."""
    return list(session.scalars(select(Account).order_by(Account.name)))
