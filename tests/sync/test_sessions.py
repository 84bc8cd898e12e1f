"""The laptop's client and the end of sessions: log out everywhere, a disabled account."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fieldapp.server.admin import set_user_active
from fieldapp.sync import AuthError
from tests.sync.harness import Laptop, Server, fast_client


def test_logout_everywhere_signs_out_every_device(server: Server, laptop: Laptop) -> None:
    with fast_client(server.base_url) as phone:
        phone.login(laptop.username, "pw-" + laptop.username)

        phone.logout_everywhere()

        assert not phone.logged_in
        with pytest.raises(AuthError) as info:
            laptop.engine.sync()
        assert info.value.reason == "token_revoked"


def test_a_disabled_account_says_so_when_the_laptop_syncs(server: Server, laptop: Laptop) -> None:
    with server.db() as session:
        set_user_active(session, laptop.username, False, datetime.now(UTC))

    with pytest.raises(AuthError) as info:
        laptop.engine.sync()

    assert info.value.reason == "account_disabled"
    assert "disabled" in info.value.message
    with fast_client(server.base_url) as client, pytest.raises(AuthError) as login:
        client.login(laptop.username, "pw-" + laptop.username)
    assert login.value.reason == "account_disabled"
