"""The app icon for Windows (.ico) and macOS (.icns), drawn from resources/icons/app.svg at
build time: Qt renders the SVG, Pillow writes the multi-size files (packaging/fieldapp.spec)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

# Windows picks among these for the taskbar, Explorer and the installer; macOS's largest is 1024.
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
ICNS_SIZE = 1024


def render(svg: Path, size: int) -> Image.Image:
    """The SVG drawn on a transparent square of `size` pixels."""
    _ = QGuiApplication.instance() or QGuiApplication(["icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not an SVG image Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return Image.open(io.BytesIO(data.data())).convert("RGBA")


def write_icons(svg: Path, out_dir: Path) -> tuple[Path, Path]:
    """Write fieldapp.ico and fieldapp.icns into `out_dir`; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    ico, icns = out_dir / "fieldapp.ico", out_dir / "fieldapp.icns"
    # Pillow scales the large drawing down for each size (smoother than Qt drawing each small).
    render(svg, 256).save(ico, format="ICO", sizes=ICO_SIZES)
    render(svg, ICNS_SIZE).save(icns, format="ICNS")
    return ico, icns


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "build" / "icons"
    for path in write_icons(root / "resources" / "icons" / "app.svg", target):
        print(path)
