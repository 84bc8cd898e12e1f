"""The login token, kept in the system keyring (Secret Service, KWallet...), never in a file."""

from __future__ import annotations

from typing import Protocol

import keyring
import keyring.errors
from keyring.backends import fail, null

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.logs import keep_out_of_logs
from fieldapp.sync.errors import CredentialStoreUnavailable

SERVICE_PREFIX = "FieldApp "
INSTALL_HINT = QT_TRANSLATE_NOOP(
    "SyncError",
    "No system keyring is available to keep your login safely. Install and unlock a Secret "
    "Service provider such as gnome-keyring or KWallet, then log in again.",
)


class SecretBackend(Protocol):
    """What TokenStore needs of a keyring backend (keyring's own backends all fit)."""

    def get_password(self, service: str, username: str) -> str | None: ...
    def set_password(self, service: str, username: str, password: str) -> None: ...
    def delete_password(self, service: str, username: str) -> None: ...


def service_name(server_url: str) -> str:
    """The keyring service a server's tokens are kept under."""
    return SERVICE_PREFIX + server_url.rstrip("/")


class TokenStore:
    """Save, load and delete a user's token for a server in the system keyring.

    Args:
        backend: the keyring backend to use; None means keyring's configured one, looked up
            at each call (so `keyring.set_keyring` takes effect).
    """

    def __init__(self, backend: SecretBackend | None = None) -> None:
        self._backend = backend

    def __repr__(self) -> str:
        return f"TokenStore(backend={type(self._usable()).__name__})"

    def _usable(self) -> SecretBackend:
        backend: SecretBackend = self._backend or keyring.get_keyring()
        if isinstance(backend, fail.Keyring | null.Keyring):
            raise CredentialStoreUnavailable(INSTALL_HINT, detail=type(backend).__name__)
        return backend

    def save(self, server_url: str, username: str, token: str) -> None:
        self.save_secret(service_name(server_url), username, token)

    def load(self, server_url: str, username: str) -> str | None:
        """The saved token, or None if there is none."""
        return self.load_secret(service_name(server_url), username)

    def delete(self, server_url: str, username: str) -> None:
        """Forget the token (nothing happens if there is none)."""
        self.delete_secret(service_name(server_url), username)

    # The cache's key and watermark are kept the same way, beside the token (vault.py).

    def save_secret(self, service: str, name: str, value: str) -> None:
        keep_out_of_logs(value)  # tokens and the cache's key pass here
        backend = self._usable()
        try:
            backend.set_password(service, name, value)
        except keyring.errors.KeyringError as error:
            raise CredentialStoreUnavailable(INSTALL_HINT, detail=type(error).__name__) from None

    def load_secret(self, service: str, name: str) -> str | None:
        backend = self._usable()
        try:
            value = backend.get_password(service, name)
        except keyring.errors.KeyringError as error:
            raise CredentialStoreUnavailable(INSTALL_HINT, detail=type(error).__name__) from None
        keep_out_of_logs(value)
        return value

    def delete_secret(self, service: str, name: str) -> None:
        backend = self._usable()
        try:
            backend.delete_password(service, name)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as error:
            raise CredentialStoreUnavailable(INSTALL_HINT, detail=type(error).__name__) from None
