"""Packages whose names load their modules when first used (PEP 562), for the app's start."""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from importlib import import_module


def lazy_names(
    package: str, modules: Mapping[str, tuple[str, ...]], namespace: MutableMapping[str, object]
) -> tuple[dict[str, str], Callable[[str], object]]:
    """The package's name -> module map and its module `__getattr__`: a name of `modules`
    (module -> names) loads `package.module` at its first use and is kept in `namespace` (the
    package's globals), so the next use is a plain lookup."""
    module_of = {name: module for module, names in modules.items() for name in names}

    def getattr_(name: str) -> object:
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    return module_of, getattr_
