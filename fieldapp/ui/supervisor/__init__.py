"""The supervisors' side of the app: team board, care metrics, charts, dispatch, conflicts."""

from fieldapp.ui.supervisor.window import SupervisorWindow

__all__ = ["SupervisorWindow"]
