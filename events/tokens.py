import hashlib
import secrets


def new_token() -> tuple[str, str]:
    """A fresh secret and the hash that is stored in its place."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
