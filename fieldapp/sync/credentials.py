"""The login token, kept in the system keyring (Secret Service, KWallet...), never in a file."""

from __future__ import annotations

import os
import sys
from importlib.util import find_spec
from typing import Protocol

import keyring
import keyring.core
import keyring.errors
from keyring.backends import fail, null
from keyring.util import platform_

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.logs import keep_out_of_logs
from fieldapp.sync.errors import CredentialStoreUnavailable

SERVICE_PREFIX = "FieldApp "
INSTALL_HINT = QT_TRANSLATE_NOOP(
    "SyncError",
    "No system keyring is available to keep your login safely. Install and unlock a Secret "
    "Service provider such as gnome-keyring or KWallet, then log in again.",
)

# The backend keyring's discovery chooses on each platform when it is usable and nothing
# else is installed (keyring ranks its backends by `priority`; these are the only ones
# that rank above the fallbacks there).
PLATFORM_BACKENDS = {
    "linux": "keyring.backends.SecretService.Keyring",
    "darwin": "keyring.backends.macOS.Keyring",
    "win32": "keyring.backends.Windows.WinVaultKeyring",
}
# Modules through which discovery could find another backend on Linux: KWallet's
# (dbus-python) and libsecret's (PyGObject). Neither is in the app or its frozen build.
OTHER_BACKEND_MODULES = ("dbus", "gi")


def name_platform_keyring() -> str | None:
    """Give keyring the platform's backend by name, instead of letting it discover one.

    Discovery imports every backend keyring knows of (on Linux the macOS one too) and
    reads the entry points of every installed package to rank them: 0.1-0.2 s of the
    app's start (docs/performance.md). Naming the backend discovery would choose skips
    that. Nothing is named, and keyring discovers as before, when the user chose a
    backend (PYTHON_KEYRING_BACKEND, keyringrc.cfg), when another candidate is installed,
    or when the platform's backend is not usable now (e.g. no Secret Service answers):
    then discovery says what is there, or gives the fail backend TokenStore reports.
    Returns the backend's name, or None if nothing was named.
    """
    name = PLATFORM_BACKENDS.get(sys.platform)
    if name is None or os.environ.get("PYTHON_KEYRING_BACKEND"):
        return None
    if (platform_.config_root() / "keyringrc.cfg").exists():
        return None
    if sys.platform == "linux" and any(find_spec(module) for module in OTHER_BACKEND_MODULES):
        return None
    try:
        backend = keyring.core.load_keyring(name)  # raises if it is not usable now
    except Exception:  # a backend's own check may raise anything: discover
        return None
    keyring.set_keyring(backend)
    return name


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
