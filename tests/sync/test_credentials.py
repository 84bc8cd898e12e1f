"""The token in the system keyring: a real Secret Service round trip; a clear error without one."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, fail

from fieldapp.sync import CredentialStoreUnavailable, TokenStore
from fieldapp.sync.credentials import name_platform_keyring, service_name


def _usable_backend_or_skip() -> KeyringBackend:
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        reason = (
            "no usable keyring backend; run under tests/support/with_keyring.sh "
            "(dbus-run-session with an unlocked gnome-keyring)"
        )
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"a keyring is required under CI=true: {reason}", pytrace=False)
        pytest.skip(reason)
    return backend


@pytest.fixture
def failing_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]  # untyped in keyring
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def test_token_round_trips_through_the_system_keyring() -> None:
    backend = _usable_backend_or_skip()
    if os.environ.get("FIELDAPP_KEYRING_HARNESS") == "1":
        # keyring picks a chainer when several backends are viable; it writes to the
        # highest-priority one, which must be the Secret Service here.
        if isinstance(backend, chainer.ChainerBackend):
            backend = backend.backends[0]
        assert isinstance(backend, SecretService.Keyring), repr(backend)
    tokens = TokenStore()
    server = f"https://fieldapp-{uuid.uuid4().hex[:8]}.example.org/"
    token = "tok-" + uuid.uuid4().hex
    tokens.save(server, "kyra", token)
    try:
        assert tokens.load(server, "kyra") == token
        assert tokens.load(server, "jb") is None
        assert backend.get_password(service_name(server), "kyra") == token
        assert service_name(server) == "FieldApp " + server.rstrip("/")
        assert token not in repr(tokens)
    finally:
        tokens.delete(server, "kyra")
    assert tokens.load(server, "kyra") is None
    tokens.delete(server, "kyra")  # deleting twice is fine


@pytest.mark.usefixtures("failing_keyring")
def test_no_keyring_says_what_to_install() -> None:
    tokens = TokenStore()
    with pytest.raises(CredentialStoreUnavailable) as info:
        tokens.save("https://s", "kyra", "t")
    assert "Install and unlock a Secret Service provider" in info.value.message
    assert "gnome-keyring" in info.value.message
    assert "KWallet" in info.value.message
    with pytest.raises(CredentialStoreUnavailable):
        tokens.load("https://s", "kyra")
    with pytest.raises(CredentialStoreUnavailable):
        tokens.delete("https://s", "kyra")


@pytest.fixture
def keyring_restored() -> Iterator[None]:
    previous = keyring.get_keyring()
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@pytest.mark.usefixtures("keyring_restored")
def test_the_named_keyring_is_the_one_discovery_chooses() -> None:
    _usable_backend_or_skip()
    if os.environ.get("FIELDAPP_KEYRING_HARNESS") != "1":
        pytest.skip("needs the Secret Service of tests/support/with_keyring.sh")
    discovered = max(keyring.backend.get_all_keyring(), key=keyring.backend.by_priority)
    if isinstance(discovered, chainer.ChainerBackend):
        discovered = discovered.backends[0]  # where the chainer writes
    assert name_platform_keyring() == "keyring.backends.SecretService.Keyring"
    named = keyring.get_keyring()
    assert type(named) is type(discovered) is SecretService.Keyring
    tokens = TokenStore()  # the app's: it uses the named backend
    server = f"https://fieldapp-{uuid.uuid4().hex[:8]}.example.org"
    tokens.save(server, "kyra", "tok-1")
    try:
        assert discovered.get_password(service_name(server), "kyra") == "tok-1"
    finally:
        tokens.delete(server, "kyra")


@pytest.mark.usefixtures("keyring_restored")
def test_a_backend_the_user_chose_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    before = keyring.get_keyring()
    assert name_platform_keyring() is None
    assert keyring.get_keyring() is before


@pytest.mark.usefixtures("keyring_restored")
def test_no_secret_service_leaves_it_to_discovery(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if sys.platform != "linux":
        pytest.skip("the Secret Service is Linux's")
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # no keyringrc.cfg there
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]  # untyped in keyring
    assert name_platform_keyring() is None
    with pytest.raises(CredentialStoreUnavailable) as info:
        TokenStore().load("https://s", "kyra")
    assert "gnome-keyring" in info.value.message
