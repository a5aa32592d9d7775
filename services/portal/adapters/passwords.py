"""Passwords at rest: argon2id hashes (argon2-cffi's defaults, RFC 9106's second recommendation)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified when the address is unknown, so that a wrong address takes as long as a wrong password.
_DUMMY = _hasher.hash("districte-no-account")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError, ValueError):  # ValueError: a stored value that is no hash
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)
