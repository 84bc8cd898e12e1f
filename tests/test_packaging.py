"""The packaging recipes point at things that exist: entry points, icons, data folders."""

from __future__ import annotations

import configparser
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"


def test_desktop_entry_runs_the_declared_console_script() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(PACKAGING / "fieldapp.desktop")
    desktop = entry["Desktop Entry"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert desktop["Exec"].split()[0] in scripts
    assert desktop["Type"] == "Application"
    assert (ROOT / "resources" / "icons" / "app.svg").exists()


def test_appstream_metadata_launches_the_desktop_entry() -> None:
    component = ET.parse(PACKAGING / "org.fieldapp.FieldApp.metainfo.xml").getroot()
    assert component.findtext("id") == "org.fieldapp.FieldApp"
    assert component.findtext("launchable") == "fieldapp.desktop"
    assert (PACKAGING / "fieldapp.desktop").exists()


def test_pyinstaller_recipe_names_existing_paths() -> None:
    spec = (PACKAGING / "fieldapp.spec").read_text()
    for relative in ("main.py", "resources", "fieldapp/store/migrations"):
        assert relative.split("/")[-1] in spec
        assert (ROOT / relative).exists()
