"""The packages that load their modules on first use (fieldapp.protocol, fieldapp.sync, for
the app's start) name the same things lazily as they list: a name listed in `__all__` but
missing from the lazy map would pass mypy (its TYPE_CHECKING import) and fail at run time."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CHECK = """
import importlib, json, sys
package = importlib.import_module(sys.argv[1])
lazy = package._MODULE_OF
problems = [f"{name}: lazy, not listed" for name in lazy if name not in package.__all__]
for name in package.__all__:
    value = getattr(package, name)  # the lazy path, in a fresh interpreter
    if name in lazy:
        module = importlib.import_module(f"{sys.argv[1]}.{lazy[name]}")
        if getattr(module, name) is not value:
            problems.append(f"{name}: not {module.__name__}'s")
print(json.dumps(problems))
"""


@pytest.mark.parametrize("package", ["fieldapp.protocol", "fieldapp.sync"])
def test_every_listed_name_loads_and_every_lazy_name_is_listed(package: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK, package], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == []
