"""Renders the app's screens offscreen against a demo server into docs/screenshots/*.png.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/render.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from fieldapp.demo import DEMO_PASSWORD, DEMO_USER, DemoKeyring, start_demo_server  # noqa: E402
from fieldapp.paths import resolve_paths  # noqa: E402
from fieldapp.store import open_store  # noqa: E402
from fieldapp.sync import ServerClient, SyncEngine, TokenStore, log_in  # noqa: E402
from fieldapp.sync.headless import describe  # noqa: E402
from fieldapp.ui.background import BackgroundRunner  # noqa: E402
from fieldapp.ui.login_dialog import LoginDialog  # noqa: E402
from fieldapp.ui.round_window import RoundWindow  # noqa: E402

OUT = Path(__file__).resolve().parent


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#171717"),
        (QPalette.ColorRole.AlternateBase, "#26282b"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Button, "#2d2f31"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
        (QPalette.ColorRole.Highlight, "#8ab4f8"),
        (QPalette.ColorRole.HighlightedText, "#202124"),
        (QPalette.ColorRole.ToolTipBase, "#2d2f31"),
        (QPalette.ColorRole.ToolTipText, "#e8eaed"),
        (QPalette.ColorRole.PlaceholderText, "#9aa0a6"),
    ):
        palette.setColor(role, QColor(color))
    return palette


def settle(app: QApplication, ms: int = 400) -> None:
    QTimer.singleShot(ms, app.quit)
    app.exec()


def save(widget: QWidget, name: str) -> None:
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")


def main() -> None:
    app = QApplication(sys.argv)
    app.setStyle("Fusion")
    work = Path(tempfile.mkdtemp(prefix="fieldapp-shots-"))
    process, url = start_demo_server(work / "server")
    try:
        paths = resolve_paths(work / "laptop").ensure()
        store = open_store(paths)
        client = ServerClient(url)
        log_in(store, client, TokenStore(DemoKeyring()), DEMO_USER, DEMO_PASSWORD)
        engine = SyncEngine(store, client)
        runner = BackgroundRunner()
        for theme, palette in (("light", app.style().standardPalette()), ("dark", dark_palette())):
            app.setPalette(palette)
            window = RoundWindow(store, runner, lambda: describe(engine.sync()), user_label="Kyra")
            window.show()
            window.sync_now()
            while window.syncing:
                settle(app, 100)
            settle(app)
            save(window, f"round-{theme}")
            window.close()

            dialog = LoginDialog(runner, lambda *_: None, server_url=url, username=DEMO_USER)
            dialog.show()
            dialog.show_error("The username or password is not right. Check them and try again.")
            settle(app, 200)
            save(dialog, f"login-{theme}")
            dialog.close()
        runner.wait()
        client.close()
        store.dispose()
    finally:
        process.terminate()
        process.wait(10)


if __name__ == "__main__":
    main()
