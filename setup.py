"""setuptools hook (the rest is in pyproject.toml): a built wheel carries resources/ inside the
package, as fieldapp/resources, so an installed app finds its icons."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCES = Path(__file__).resolve().parent / "resources"


class BuildPyWithResources(build_py):
    """build_py plus a copy of resources/ into the built package."""

    def run(self) -> None:
        super().run()
        # An editable install runs from the checkout, which finds resources/ beside the package.
        if not self.editable_mode:
            target = Path(self.build_lib) / "fieldapp" / "resources"
            shutil.copytree(RESOURCES, target, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithResources})
