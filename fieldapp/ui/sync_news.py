"""What a sync changed, told in words: the status bar's sentence, a notification when the
round gained or lost visits, and the "Since last sync" list (Round menu, Ctrl+J, or a click
on the status bar's message)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from fieldapp.clock import Clock, utc_now
from fieldapp.store.feed_news import FeedNews, UserAnswer, VisitArrived, VisitGone
from fieldapp.sync.summary import SyncSummary
from fieldapp.ui.laptop_words import server_sentence
from fieldapp.ui.moments import clock, counted, day_and_time
from fieldapp.ui.resources import icon
from fieldapp.ui.update_notice import offer_sentence

if TYPE_CHECKING:
    from fieldapp.ui.promises import Notifier

translate = QCoreApplication.translate

SHORTCUT = "Ctrl+J"  # free in every window; browsers use it for what just arrived
KEEP = 200  # lines kept for the list (the latest first): a day's round many times over
NOTIFY_LINES = 3  # a notification names this many visits, then says how many more


def _visit(reference: str, customer: str) -> str:
    if not customer:
        return reference
    return translate("SyncNews", "{reference} ({customer})").format(
        reference=reference, customer=customer
    )


def gone_sentence(gone: VisitGone) -> str:
    """'HP-2612-003 (Acme): Now with Tony Russo, reassigned by Sam Lee.'"""
    message = server_sentence(gone.message)
    if message and message[-1] not in ".!?":
        message += "."
    sentence = translate("SyncNews", "{visit}: {message}").format(
        visit=_visit(gone.reference, gone.customer), message=message
    )
    if gone.kept:
        sentence += " " + translate(
            "SyncNews", "Your unsent work on it stays on this laptop, marked as a conflict."
        )
    return sentence


def arrived_sentence(arrived: VisitArrived) -> str:
    return translate("SyncNews", "{visit}: new on your round.").format(
        visit=_visit(arrived.reference, arrived.customer)
    )


def _when(iso: str) -> str:
    """An ISO 8601 time in this computer's zone: "Wednesday 26 November, 14:05"."""
    try:
        return day_and_time(datetime.fromisoformat(iso))
    except ValueError:
        return iso


def answer_sentence(answer: UserAnswer) -> str:
    """The user's answer on the confirmation page, or dispatch's answer to their request."""
    visit = _visit(answer.reference, answer.customer)
    words = " ".join(answer.words.split())
    if answer.kind == "confirmed":
        return translate("SyncNews", "{visit}: the user confirmed the visit.").format(visit=visit)
    if answer.kind == "another_time":
        sentence = translate(
            "SyncNews", "{visit}: the user asks for another time: {times}."
        ).format(visit=visit, times=", ".join(_when(t) for t in answer.times))
        if words:
            sentence += " " + translate("SyncNews", "Their note: \u201c{note}\u201d").format(
                note=words
            )
        return sentence + " " + translate("SyncNews", "Dispatch answers them.")
    if answer.kind == "accepted":
        when = _when(answer.times[0]) if answer.times else ""
        return translate("SyncNews", "{visit}: moved to {when}, as the user asked.").format(
            visit=visit, when=when
        )
    return translate(
        "SyncNews", "{visit}: dispatch declined the user's request for another time: {reason}"
    ).format(visit=visit, reason=words)


def news_sentences(news: FeedNews) -> list[str]:
    """One sentence per visit the round lost or gained, those lost first, then the users'
    answers (and dispatch's to them)."""
    return [
        *map(gone_sentence, news.gone),
        *map(arrived_sentence, news.arrived),
        *map(answer_sentence, news.answers),
    ]


def spoken_summary(summary: SyncSummary) -> str:
    """The status bar's sentence: 'Sync done: sent 9 updates; 2 new visits.'"""
    news = summary.news
    parts: list[str] = []
    sent = summary.pushed + summary.duplicate
    if sent:
        parts.append(
            counted(
                sent,
                translate("SyncNews", "sent {count} update"),
                translate("SyncNews", "sent {count} updates"),
            )
        )
    if news.arrived:
        parts.append(
            counted(
                len(news.arrived),
                translate("SyncNews", "{count} new visit"),
                translate("SyncNews", "{count} new visits"),
            )
        )
    if len(news.gone) == 1:
        parts.append(
            translate("SyncNews", "{reference} left your round").format(
                reference=news.gone[0].reference
            )
        )
    elif news.gone:
        parts.append(
            translate("SyncNews", "{count} visits left your round").format(count=len(news.gone))
        )
    if news.changed:
        parts.append(
            counted(
                news.changed,
                translate("SyncNews", "{count} visit updated"),
                translate("SyncNews", "{count} visits updated"),
            )
        )
    asking = sum(a.kind == "another_time" for a in news.answers)
    if asking:
        parts.append(
            counted(
                asking,
                translate("SyncNews", "{count} user asking for another time"),
                translate("SyncNews", "{count} users asking for another time"),
            )
        )
    if summary.refetched:
        parts.append(translate("SyncNews", "your round downloaded afresh"))
    if summary.rejected:
        parts.append(
            counted(
                summary.rejected,
                translate(
                    "SyncNews",
                    "{count} update refused by the server (see Rejected events, Ctrl+Shift+E)",
                ),
                translate(
                    "SyncNews",
                    "{count} updates refused by the server (see Rejected events, Ctrl+Shift+E)",
                ),
            )
        )
    if summary.retry_later:
        parts.append(
            counted(
                summary.retry_later,
                translate("SyncNews", "{count} update to send again later"),
                translate("SyncNews", "{count} updates to send again later"),
            )
        )
    if summary.uploaded:
        parts.append(
            counted(
                summary.uploaded,
                translate("SyncNews", "{count} file sent"),
                translate("SyncNews", "{count} files sent"),
            )
        )
    if summary.missing_files:
        parts.append(
            counted(
                summary.missing_files,
                translate(
                    "SyncNews",
                    "{count} file not sent: gone from this laptop (re-attach or drop under "
                    "Round > Missing files)",
                ),
                translate(
                    "SyncNews",
                    "{count} files not sent: gone from this laptop (re-attach or drop under "
                    "Round > Missing files)",
                ),
            )
        )
    if summary.fetched:
        parts.append(
            counted(
                summary.fetched,
                translate("SyncNews", "{count} file from colleagues fetched"),
                translate("SyncNews", "{count} files from colleagues fetched"),
            )
        )
    if summary.conflicts:
        parts.append(
            counted(
                len(summary.conflicts),
                translate("SyncNews", "{count} visit in conflict"),
                translate("SyncNews", "{count} visits in conflict"),
            )
        )
    if not parts and summary.pulled:
        # Alone: a first download, or colleagues' work; beside what was sent it would
        # mostly count our own updates coming back confirmed.
        parts.append(
            counted(
                summary.pulled,
                translate("SyncNews", "received {count} change"),
                translate("SyncNews", "received {count} changes"),
            )
        )
    if parts:
        done = translate("SyncNews", "Sync done: {parts}.").format(parts="; ".join(parts))
    else:
        done = translate("SyncNews", "Sync done: nothing new.")
    return f"{done} {offer_sentence(summary.update)}" if summary.update else done


@dataclass(frozen=True, slots=True)
class NewsLine:
    at: datetime
    text: str


class SinceLastSyncDialog(QDialog):
    """The visits the round gained and lost, latest sync first, each with its time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Since last sync"))
        self.setWindowIcon(icon("sync"))
        self.resize(560, 360)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Changes to your round"))
        self.list.setWordWrap(True)
        self.intro.setBuddy(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def show_lines(self, lines: list[NewsLine]) -> None:
        self.list.clear()
        for line in lines:
            self.list.addItem(f"{clock(line.at)}  {line.text}")
        self.intro.setText(
            self.tr("Visits that came to your round or left it at each sync, the latest first.")
            if lines
            else self.tr("No visit has come to your round or left it since the app started.")
        )
        if lines:
            self.list.setCurrentRow(0)
        self.list.setFocus()

    @property
    def texts(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]


class SyncNews(QObject):
    """Keeps what syncs changed on the round and tells the technician.

    Args:
        status_bar: a click on its message opens the list.
        notifier: the tray message (or in-window notice) when visits come or go.
        clock: stamps each line.

    Attributes:
        action: Round > Since last sync… (Ctrl+J).
    """

    def __init__(
        self,
        window: QWidget,
        status_bar: QStatusBar,
        notifier: Notifier,
        *,
        clock: Clock = utc_now,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._notifier = notifier
        self._clock = clock
        self.lines: list[NewsLine] = []
        self.dialog: SinceLastSyncDialog | None = None
        self.action = QAction(self.tr("Since last s&ync\u2026"), window)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setToolTip(
            self.tr("Visits that came to your round or left it ({keys})").format(keys=SHORTCUT)
        )
        self.action.triggered.connect(lambda _checked=False: self.open_dialog())
        window.addAction(self.action)
        self._status_bar = status_bar
        status_bar.setToolTip(
            self.tr("Click for what changed since the last sync ({keys})").format(keys=SHORTCUT)
        )
        status_bar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self._status_bar
            and event.type() == QEvent.Type.MouseButtonRelease
            and self._status_bar.currentMessage()
        ):
            self.open_dialog()
            return True
        return False

    def on_synced(self, summary: SyncSummary) -> None:
        """Keep the sync's news and, when visits came or went, say so at once."""
        sentences = news_sentences(summary.news)
        if not sentences:
            return
        now = self._clock()
        self.lines[:0] = [NewsLine(now, text) for text in sentences]
        del self.lines[KEEP:]
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.show_lines(self.lines)
        shown = sentences[:NOTIFY_LINES]
        if len(sentences) > NOTIFY_LINES:
            shown.append(self.tr("And {count} more.").format(count=len(sentences) - NOTIFY_LINES))
        self._notifier.notify(
            self.tr("Your round changed"),
            "\n".join(shown),
            action_text=self.tr("Show changes"),
            action=self.open_dialog,
        )

    def open_dialog(self) -> SinceLastSyncDialog:
        if self.dialog is None:
            self.dialog = SinceLastSyncDialog(self._window)
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.dialog.show_lines(self.lines)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog
