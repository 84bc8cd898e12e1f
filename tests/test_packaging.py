"""The packaging recipes point at things that exist, and the Linux desktop files validate."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

import pytest
from PySide6.QtWidgets import QApplication

import fieldapp
from fieldapp.paths import APP_ID
from fieldapp.ui.launch import identify

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
VALIDATORS_HINT = "apt-get install desktop-file-utils appstream"


def _validator(name: str) -> str:
    """The validator's path; fail under CI (which installs it), skip on a machine without it."""
    found = shutil.which(name)
    if found is not None:
        return found
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{name} is required under CI=true ({VALIDATORS_HINT})", pytrace=False)
    pytest.skip(f"no {name} ({VALIDATORS_HINT})")


def _desktop_entry() -> configparser.SectionProxy:
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(DESKTOP)
    return entry["Desktop Entry"]


def test_desktop_entry_validates() -> None:
    checked = subprocess.run(
        [_validator("desktop-file-validate"), str(DESKTOP)],
        capture_output=True,
        text=True,
        check=False,
    )
    # It prints hints (not errors) with status 0 too: none are wanted.
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip() == "", checked.stdout


def test_appstream_metadata_validates() -> None:
    checked = subprocess.run(
        [_validator("appstreamcli"), "validate", "--no-net", "--explain", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_desktop_entry_runs_the_console_script_with_arguments_it_accepts() -> None:
    desktop = _desktop_entry()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    command, *arguments = desktop["Exec"].split()
    assert command in scripts
    # The CLI takes no files or URLs: a field code such as %U would be refused.
    assert not [word for word in arguments if word.startswith("%")]
    assert desktop["Type"] == "Application"
    assert desktop["Icon"] == APP_ID
    assert desktop["StartupWMClass"] == "FieldApp"  # Qt's window class: the application name
    assert (ROOT / "resources" / "icons" / "app.svg").exists()


def test_the_app_names_its_desktop_entry_and_window_class(qapp: QApplication) -> None:
    before = (qapp.applicationName(), qapp.desktopFileName(), qapp.windowIcon())
    try:
        identify(qapp)
        assert f"{qapp.desktopFileName()}.desktop" == DESKTOP.name
        assert qapp.applicationName() == _desktop_entry()["StartupWMClass"]
        assert not qapp.windowIcon().isNull()
    finally:  # the test process's own names (settings files follow the application name)
        qapp.setApplicationName(before[0])
        qapp.setDesktopFileName(before[1])
        qapp.setWindowIcon(before[2])


def test_appstream_metadata_launches_the_desktop_entry() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert DESKTOP.exists()


def test_appstream_metadata_has_a_homepage_the_release_and_real_screenshots() -> None:
    component = ET.parse(METAINFO).getroot()
    assert urlparse(component.findtext("url[@type='homepage']") or "").scheme == "https"
    versions = [release.get("version") for release in component.iterfind("releases/release")]
    assert versions[0] == fieldapp.__version__  # the newest release comes first
    images = component.findall("screenshots/screenshot/image")
    assert images
    for image in images:
        # Each is one of ours, at its real size (a PNG's IHDR holds width and height).
        name = PurePosixPath(urlparse(image.text or "").path).name
        png = (ROOT / "docs" / "screenshots" / name).read_bytes()
        width, height = struct.unpack(">II", png[16:24])
        assert (image.get("width"), image.get("height")) == (str(width), str(height)), name


def test_pyinstaller_recipe_names_existing_paths() -> None:
    # The spec takes its data files from packaging/freeze.py.
    spec = (PACKAGING / "fieldapp.spec").read_text() + (PACKAGING / "freeze.py").read_text()
    for relative in ("main.py", "resources", "fieldapp/store/migrations"):
        assert relative.split("/")[-1] in spec
        assert (ROOT / relative).exists()
