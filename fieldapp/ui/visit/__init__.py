"""The guided desk visit: one page per step of docs/workflow.md, recorded in the background.

Its names load on first use (PEP 562), so a module that needs one small part (the round's
walk-up dialog uses its widgets) does not load every page at the app's start."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldapp.ui.visit.flow import VisitFlow
    from fieldapp.ui.visit.signature import SignaturePad
    from fieldapp.ui.visit.steps import StepKey
    from fieldapp.ui.visit.timeline import TimelineModel

__all__ = ["SignaturePad", "StepKey", "TimelineModel", "VisitFlow"]
_MODULES = {
    "SignaturePad": "signature",
    "StepKey": "steps",
    "TimelineModel": "timeline",
    "VisitFlow": "flow",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
