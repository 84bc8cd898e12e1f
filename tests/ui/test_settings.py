"""Settings (Ctrl+,): kept for the next start, checked before they are taken, and put to work
at once; the app against a real HTTPS server of a CA made in the test, trusted only through the
CA bundle named in Settings, which announces a newer FieldApp."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from fieldapp import protocol
from fieldapp.demo import DemoKeyring
from fieldapp.server.app import create_app
from fieldapp.store import Store
from fieldapp.sync import TokenStore
from fieldapp.sync.errors import TLSError
from fieldapp.sync.updates import UpdateOffer
from fieldapp.ui import theme, window_place
from fieldapp.ui.app import FieldApp, connect
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.languages import available_languages
from fieldapp.ui.preferences import (
    DEFAULT_SYNC_MINUTES,
    SYNC_MINUTES_KEY,
    Clients,
    Preferences,
    load_preferences,
    save_preferences,
)
from fieldapp.ui.settings_action import SHORTCUT
from fieldapp.ui.settings_dialog import SettingsDialog
from fieldapp.ui.update_notice import LABEL_NAME
from tests.support.certs import ServerCertificate, make_server_certificate
from tests.support.servers import running_uvicorn
from tests.sync.harness import Server, cheap_settings

WAIT_MS = 15_000
DOWNLOAD = "https://it.example.org/fieldapp/"


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(window_place.CONFIG_DIR_ENV, str(tmp_path / "config"))


@pytest.fixture
def app_palette(qapp: QApplication) -> Iterator[QApplication]:
    """Put back the app's palette and style after a test that applies a theme."""
    palette, style = QPalette(qapp.palette()), qapp.style().name()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setProperty("fieldapp_system_palette", None)


@pytest.fixture
def certificate(tmp_path: Path) -> ServerCertificate:
    return make_server_certificate(tmp_path / "tls")


@pytest.fixture
def https_server(certificate: ServerCertificate, tmp_path: Path) -> Iterator[Server]:
    settings = cheap_settings(tmp_path / "server").model_copy(
        update={"latest_client_version": "99.1.0", "client_download_url": DOWNLOAD}
    )
    app = create_app(settings)
    with running_uvicorn(
        app, ssl_certfile=str(certificate.cert_file), ssl_keyfile=str(certificate.key_file)
    ) as url:
        yield Server(url, app)


def test_preferences_are_kept_and_nonsense_falls_back(tmp_path: Path) -> None:
    assert load_preferences() == Preferences()
    assert Preferences().sync_ms == DEFAULT_SYNC_MINUTES * 60_000
    chosen = Preferences(ca_bundle=str(tmp_path / "ca.pem"), language="de", sync_minutes=15)
    save_preferences(chosen)
    assert load_preferences() == chosen
    window_place.app_settings().setValue(SYNC_MINUTES_KEY, "every now and then")
    assert load_preferences().sync_minutes == DEFAULT_SYNC_MINUTES
    window_place.app_settings().setValue(SYNC_MINUTES_KEY, 7)  # not a choice offered
    assert load_preferences().sync_minutes == DEFAULT_SYNC_MINUTES


def test_the_languages_are_english_and_the_translations_found(tmp_path: Path) -> None:
    assert available_languages(tmp_path / "nothing") == [("en", "English")]
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "fieldapp_de.qm").write_bytes(b"")
    assert available_languages(tmp_path) == [("en", "English"), ("de", "Deutsch")]


def test_the_dialog_refuses_what_cannot_work_in_a_sentence(
    qtbot: QtBot, tmp_path: Path, certificate: ServerCertificate
) -> None:
    dialog = SettingsDialog(
        Preferences(),
        "https://fieldapp.example.org",
        choose_file=lambda _parent: str(certificate.ca_file),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.ok_button
    assert ok is not None

    dialog.server_edit.setText("ftp://files.example.org")
    ok.click()
    assert dialog.isVisible()
    assert (
        dialog.error_label.text()
        == "The server address must look like https://fieldapp.example.org."
    )

    dialog.server_edit.setText("fieldapp.example.org/")  # https:// is added, as at login
    not_a_bundle = tmp_path / "notes.txt"
    not_a_bundle.write_text("the CA is on the wiki\n")
    dialog.ca_edit.setText(str(not_a_bundle))
    ok.click()
    assert dialog.isVisible()
    assert str(not_a_bundle) in dialog.error_label.text()
    assert "PEM" in dialog.error_label.text()

    dialog.browse_button.click()
    assert dialog.ca_edit.text() == str(certificate.ca_file)
    dialog.sync_combo.setCurrentIndex(dialog.sync_combo.findData(1))
    ok.click()
    assert not dialog.isVisible()
    assert dialog.chosen is not None
    assert dialog.chosen.server_url == "https://fieldapp.example.org"
    assert dialog.chosen.preferences.ca_bundle == str(certificate.ca_file)
    assert dialog.chosen.preferences.sync_minutes == 1
    assert dialog.chosen.theme == theme.saved_theme()


def test_the_version_line_names_an_update_and_where_to_get_it(qtbot: QtBot) -> None:
    plain = SettingsDialog(Preferences(), "")
    qtbot.addWidget(plain)
    assert plain.version_label.text().startswith(f"FieldApp {protocol.CLIENT_VERSION}")
    assert "available" not in plain.version_label.text()
    offered = SettingsDialog(Preferences(), "", update=UpdateOffer("99.1.0", DOWNLOAD))
    qtbot.addWidget(offered)
    assert "FieldApp 99.1.0 is available" in offered.version_label.text()
    assert f'href="{DOWNLOAD}"' in offered.version_label.text()


def _open_settings(qtbot: QtBot, controller: FieldApp) -> SettingsDialog:
    window = controller.window
    assert window is not None
    assert window.settings_action.shortcut().toString() == SHORTCUT
    window.settings_action.trigger()
    window.settings_action.trigger()  # a second time: the same dialog
    shown = [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def _accept(dialog: SettingsDialog) -> None:
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert dialog.chosen is not None, dialog.error_label.text()


def _synced(qtbot: QtBot, controller: FieldApp) -> str:
    window = controller.window
    assert window is not None
    with qtbot.waitSignal(window.sync_finished, timeout=WAIT_MS) as done:
        window.sync_now()
    return str(done.args[0]) if done.args else ""


@pytest.mark.usefixtures("app_palette")
def test_the_app_trusts_the_bundle_named_in_settings_and_hears_of_the_update(
    qtbot: QtBot,
    store: Store,
    https_server: Server,
    certificate: ServerCertificate,
    tmp_path: Path,
) -> None:
    tokens = TokenStore(DemoKeyring())
    username, password = https_server.add_technician()
    https_server.create_visit(username)
    url = https_server.base_url

    # This computer's store does not know the test's CA: refused in a sentence.
    with pytest.raises(TLSError, match="certificate could not be verified"):
        connect(store, tokens, url, username, password, client_factory=Clients())

    save_preferences(Preferences(ca_bundle=str(certificate.ca_file)))
    controller = FieldApp(
        store,
        tokens,
        BackgroundRunner(),
        server_url=url,
        use_system_network=False,
        use_tray=False,
        probe_interval_ms=60_000,
    )
    with qtbot.waitSignal(controller.window_shown, timeout=WAIT_MS):
        controller.start(demo_login=(username, password))
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    assert _synced(qtbot, controller).startswith("Sync done")

    # The newer version the server names: in the status bar, syncing goes on.
    label = window.statusBar().findChild(QLabel, LABEL_NAME)
    assert label is not None
    assert label.isVisibleTo(window)
    assert "FieldApp 99.1.0" in label.text()
    assert DOWNLOAD in label.text()
    assert DOWNLOAD in label.toolTip()

    # ...and in the settings dialog's version line. Sync every minute, the dark theme.
    dialog = _open_settings(qtbot, controller)
    assert "FieldApp 99.1.0 is available" in dialog.version_label.text()
    assert dialog.server_edit.text() == url
    dialog.sync_combo.setCurrentIndex(dialog.sync_combo.findData(1))
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData(theme.DARK))
    _accept(dialog)
    assert window.syncer._timer.interval() == 60_000
    assert theme.saved_theme() == theme.DARK
    assert load_preferences().sync_minutes == 1

    # Another CA's bundle: the same login goes through a client trusting only that, and
    # the next sync is refused; the right one again and it syncs.
    other = make_server_certificate(tmp_path / "other")
    dialog = _open_settings(qtbot, controller)
    dialog.ca_edit.setText(str(other.ca_file))
    _accept(dialog)
    assert "certificate could not be verified" in _synced(qtbot, controller)
    dialog = _open_settings(qtbot, controller)
    dialog.ca_edit.setText(str(certificate.ca_file))
    _accept(dialog)
    assert _synced(qtbot, controller).startswith("Sync done")
    assert load_preferences().ca_bundle == str(certificate.ca_file)
    controller.close()


def test_a_supervisor_hears_of_the_update_at_login_and_has_settings_too(
    qtbot: QtBot, store: Store, https_server: Server, certificate: ServerCertificate
) -> None:
    from fieldapp.server.admin import add_user

    with https_server.db() as session:
        add_user(
            session, "sam", "pw-sam", "supervisor", "Sam Lee",
            passwords=https_server.app.state.passwords,
        )  # fmt: skip
    save_preferences(Preferences(ca_bundle=str(certificate.ca_file)))
    controller = FieldApp(
        store,
        TokenStore(DemoKeyring()),
        BackgroundRunner(),
        server_url=https_server.base_url,
        use_system_network=False,
        use_tray=False,
    )
    with qtbot.waitSignal(controller.window_shown, timeout=WAIT_MS):
        controller.start(demo_login=("sam", "pw-sam"))
    window = controller.supervisor_window
    assert window is not None
    qtbot.addWidget(window)
    label = window.statusBar().findChild(QLabel, LABEL_NAME)
    assert label is not None
    assert "FieldApp 99.1.0" in label.text()
    actions = [a for a in window.actions() if a.shortcut().toString() == SHORTCUT]
    assert len(actions) == 1
    actions[0].trigger()
    shown = [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
    assert len(shown) == 1
    assert "FieldApp 99.1.0 is available" in shown[0].version_label.text()
    shown[0].reject()
    controller.close()
