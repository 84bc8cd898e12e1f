"""What the packages carry without building the frozen app: a wheel installs the icons where
the app finds them, a missing icon is logged, the Windows and macOS icons are drawn from
app.svg, the freeze rules leave out only what is never used, and the Windows installer script
points at what the spec builds."""

from __future__ import annotations

import ast
import logging
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fieldapp.paths import APP_NAME

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
ICONS = sorted(path.name for path in (ROOT / "resources" / "icons").glob("*.svg"))
sys.path.insert(0, str(PACKAGING))
import freeze  # noqa: E402 - packaging/freeze.py, as the spec imports it


@pytest.mark.slow
def test_a_wheel_installs_the_icons_where_the_app_finds_them(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, source)
    for tree in ("fieldapp", "resources"):
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(ROOT / tree, source / tree, ignore=ignore)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(source)],
        check=True, timeout=300, capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("fieldapp-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert sorted(n.rsplit("/", 1)[1] for n in names if "/resources/icons/" in n) == ICONS
    assert all(n.startswith("fieldapp/") for n in names if "resources/" in n)

    target = tmp_path / "installed"
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True, timeout=300, capture_output=True,
    )  # fmt: skip
    probe = (
        "import fieldapp.ui.resources as r; from PySide6.QtWidgets import QApplication;"
        "app = QApplication([]); print(r.RESOURCES_DIR); print(r.icon('app').isNull())"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe],
        env={"PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen", "PATH": ""},
        cwd=tmp_path, check=True, timeout=120, capture_output=True, text=True,
    )  # fmt: skip
    directory, null = found.stdout.split()
    assert Path(directory) == target / "fieldapp" / "resources"
    assert null == "False"


def test_a_missing_icon_is_logged_not_silent(caplog: pytest.LogCaptureFixture) -> None:
    from fieldapp.ui.resources import icon

    with caplog.at_level(logging.WARNING, logger="fieldapp.ui.resources"):
        assert icon("no-such-icon").isNull()
    assert "icon 'no-such-icon' is missing" in caplog.text


def test_every_icon_the_code_names_exists() -> None:
    named = set()
    for module in (ROOT / "fieldapp").rglob("*.py"):
        named |= set(re.findall(r"\bicon\(\"([\w-]+)\"\)", module.read_text()))
    assert named
    assert sorted(f"{name}.svg" for name in named if f"{name}.svg" not in ICONS) == []


def test_windows_and_macos_icons_are_drawn_from_the_app_svg(qapp: object, tmp_path: Path) -> None:
    # With the suite's QApplication made first, the drawing does not make a QGuiApplication.
    image = pytest.importorskip("PIL.Image", reason="Pillow comes with the package extra")
    from icons import ICO_SIZES, write_icons  # packaging/icons.py

    ico, icns = write_icons(ROOT / "resources" / "icons" / "app.svg", tmp_path)
    with image.open(ico) as drawn:
        assert drawn.info["sizes"] == set(ICO_SIZES)
        assert drawn.convert("RGBA").getchannel("A").getextrema()[1] == 255  # not blank
    with image.open(icns) as drawn:
        assert drawn.size == (1024, 1024)


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("libQt6Qml.so.6", False),
        ("PySide6/Qt6Quick.dll", False),
        ("PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/translations/qtbase_de.qm", True),  # German: the app has it
        ("PySide6/Qt/translations/qtbase_fr.qm", False),
        ("PySide6\\Qt\\translations\\qt_fr.qm", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Charts.so.6", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("fieldapp/resources/icons/app.svg", True),
        ("fieldapp/resources/translations/fieldapp_de.qm", True),  # the app's own
    ],
)
def test_the_freeze_rules_leave_out_only_what_is_never_used(path: str, kept: bool) -> None:
    assert freeze.keep(path) is kept


def test_the_frozen_app_carries_its_icons_and_both_migration_chains() -> None:
    targets = {target for _, target in freeze.data_trees(ROOT)}
    assert "fieldapp/resources/icons" in targets
    assert "fieldapp/server/migrations/versions" in targets
    assert "fieldapp/store/migrations/versions" in targets
    assert not any("__pycache__" in source for source, _ in freeze.data_trees(ROOT))


def test_every_module_the_migrations_import_is_frozen() -> None:
    # The migrations run from their files, so PyInstaller's scan never sees what they import:
    # fieldapp.server.schema, imported by env.py alone, once left the frozen server unable
    # to start.
    imported: set[str] = set()
    for folder in ("fieldapp/server/migrations", "fieldapp/store/migrations"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                else:
                    continue
                imported.update(n for n in names if n.startswith("fieldapp."))
    modules = {n for n in imported if (ROOT / (n.replace(".", "/") + ".py")).exists()}
    assert "fieldapp.server.schema" in modules
    assert modules <= set(freeze.HIDDEN_IMPORTS), modules - set(freeze.HIDDEN_IMPORTS)


def test_the_windows_version_resource_carries_the_version() -> None:
    text = freeze.windows_version("0.1.0", APP_NAME)
    call = ast.parse(text, mode="eval").body  # PyInstaller evaluates it on Windows
    assert isinstance(call, ast.Call)
    assert ast.unparse(call.func) == "VSVersionInfo"
    assert "filevers=(0, 1, 0, 0)" in text
    assert "StringStruct('ProductVersion', '0.1.0')" in text
    assert "StringStruct('OriginalFilename', 'fieldapp.exe')" in text


def test_the_installer_script_installs_what_the_spec_builds() -> None:
    script = (PACKAGING / "windows" / "fieldapp.iss").read_text()
    spec = (PACKAGING / "fieldapp.spec").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert '#define AppName "FieldApp"' in script
    assert APP_NAME == "FieldApp"
    assert "dist\\fieldapp" in script
    assert "--distpath dist" in makefile
    assert 'name="fieldapp"' in spec
    assert "{app}\\fieldapp.exe" in script
    assert '("fieldapp.ico", str(ico), "DATA")' in spec
    assert "_internal\\fieldapp.ico" in script
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", script, re.MULTILINE)
