"""The round's status bar words: the last sync, what waits to be sent, rejections, lost files."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QToolButton

from fieldapp.ui.round_data import RoundStatus


def show_status(
    status: RoundStatus,
    *,
    last_sync_label: QLabel,
    pending_label: QLabel,
    rejected_button: QToolButton,
    missing_files_button: QToolButton,
) -> None:
    """Say in the status bar's labels and buttons what `status` read from the cache."""
    last = status.last_sync_at
    last_sync_label.setText(f"Last sync {last.astimezone():%H:%M}" if last else "Never synced")
    last_sync_label.setToolTip(
        f"Last successful sync: {last.astimezone():%A %d %B, %H:%M}" if last else ""
    )
    pending_label.setText(f"{status.pending} to sync" if status.pending else "All sent")
    pending_label.setToolTip(
        f"{status.pending} event(s) recorded on this laptop wait to be sent"
        if status.pending
        else "Everything recorded on this laptop reached the server"
    )
    rejected_button.setText(f"{status.rejected} rejected")
    rejected_button.setVisible(status.rejected > 0)
    rejected_button.setToolTip(
        "The server refused some events: see why and what to do (Ctrl+Shift+E)"
    )
    missing = status.missing_files
    missing_files_button.setText(f"{missing} file{'s' if missing != 1 else ''} missing")
    missing_files_button.setVisible(missing > 0)
