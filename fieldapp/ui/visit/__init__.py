"""The guided desk visit: one page per step of docs/workflow.md, recorded in the background."""

from fieldapp.ui.visit.flow import VisitFlow
from fieldapp.ui.visit.signature import SignaturePad
from fieldapp.ui.visit.steps import StepKey
from fieldapp.ui.visit.timeline import TimelineModel

__all__ = ["SignaturePad", "StepKey", "TimelineModel", "VisitFlow"]
