"""The round's status bar words: the last sync, what waits to be sent, rejections, lost files."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QToolButton

from fieldapp.ui.moments import clock, counted, day_and_time
from fieldapp.ui.round_data import RoundStatus

translate = QCoreApplication.translate


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
    if last is None:
        last_sync_label.setText(translate("RoundStatus", "Never synced"))
        last_sync_label.setToolTip("")
    else:
        last_sync_label.setText(
            translate("RoundStatus", "Last sync {time}").format(time=clock(last))
        )
        last_sync_label.setToolTip(
            translate("RoundStatus", "Last successful sync: {when}").format(when=day_and_time(last))
        )
    pending = status.pending
    pending_label.setText(
        translate("RoundStatus", "{count} to sync").format(count=pending)
        if pending
        else translate("RoundStatus", "All sent")
    )
    pending_label.setToolTip(
        counted(
            pending,
            translate("RoundStatus", "{count} event recorded on this laptop waits to be sent"),
            translate("RoundStatus", "{count} events recorded on this laptop wait to be sent"),
        )
        if pending
        else translate("RoundStatus", "Everything recorded on this laptop reached the server")
    )
    rejected_button.setText(
        translate("RoundStatus", "{count} rejected").format(count=status.rejected)
    )
    rejected_button.setVisible(status.rejected > 0)
    rejected_button.setToolTip(
        translate(
            "RoundStatus",
            "The server refused some events: see why and what to do (Ctrl+Shift+E)",
        )
    )
    missing = status.missing_files
    missing_files_button.setText(
        counted(
            missing,
            translate("RoundStatus", "{count} file missing"),
            translate("RoundStatus", "{count} files missing"),
        )
    )
    missing_files_button.setVisible(missing > 0)
