"""The user's device on the visit: the one it names, a tag typed or scanned (a USB scanner
types it and presses Enter; Ctrl+Shift+A anywhere in the visit window), read by the camera,
or picked from the devices the asset list gives the user; and the device's and the person's
earlier visits, kept for the round so they show offline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QElapsedTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from fieldapp.domain import EventType
from fieldapp.domain.devices import (
    HISTORY_CONTEXT,
    RECENT_DAYS,
    InvalidAsset,
    history_words,
    looks_scanned,
    normalize_tag,
    recent,
)
from fieldapp.domain.state import Step
from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.protocol import AssetRecord
from fieldapp.store.devices import PastEntry
from fieldapp.ui.codes import team_words
from fieldapp.ui.resources import icon
from fieldapp.ui.table_model import Column, TableModel
from fieldapp.ui.visit.page import PageContext
from fieldapp.ui.visit.rows import RowsView
from fieldapp.ui.visit.scan import CameraScanDialog, has_camera
from fieldapp.ui.visit.section import Section
from fieldapp.ui.visit.steps import NO_REPAIR_WORDS, SOURCE_WORDS, STEP_WORDS, said
from fieldapp.ui.visit.widgets import line_edit, local_time, wrapped_label
from fieldapp.ui.visit.words import domain_sentence, translate

SCAN_SHORTCUT = "Ctrl+Shift+A"


def _by(entry: PastEntry) -> str:
    if entry.by == "device":
        return translate("DeviceSection", "This device")
    return translate("DeviceSection", "This user")


def history_line(line: str, part: str) -> str:
    """A line of an earlier visit's work (fieldapp.domain.devices.history_words: "diagnosis",
    "fix" or "promise") in the app's language, its category, outcome or team too."""
    template, values = history_words(line, part)
    if "category" in values:
        values["category"] = said(SOURCE_WORDS.get(values["category"], values["category"]))
    if "outcome" in values:
        values["outcome"] = said(NO_REPAIR_WORDS.get(values["outcome"], values["outcome"]))
    if "team" in values:
        values["team"] = team_words(values["team"])
    return QCoreApplication.translate(HISTORY_CONTEXT, template).format(**values)


def _outcome(entry: PastEntry) -> str:
    """Where the earlier visit stands (its step, else its status) as the steps list says it:
    whether it was completed, escalated, closed without a repair or is still open."""
    try:
        step = Step(entry.status)
    except ValueError:
        return entry.status  # a step a newer server knows and this app does not
    return said(STEP_WORDS[step])


def _work(entry: PastEntry) -> str:
    # How it ended comes first: a technician scans the column for "Escalated" or "Completed".
    lines = [translate("DeviceSection", "Outcome: {step}").format(step=_outcome(entry))]
    if entry.problem:
        lines.append(entry.problem)
    if entry.diagnosis:
        lines.append(
            translate("DeviceSection", "Diagnosis: {text}").format(
                text=history_line(entry.diagnosis, "diagnosis")
            )
        )
    if entry.fix:
        lines.append(
            translate("DeviceSection", "Fix: {text}").format(text=history_line(entry.fix, "fix"))
        )
    if entry.parts:
        lines.append(
            translate("DeviceSection", "Parts: {text}").format(text=", ".join(entry.parts))
        )
    if entry.promises:
        lines.append(
            translate("DeviceSection", "Promised: {text}").format(
                text="; ".join(history_line(p, "promise") for p in entry.promises)
            )
        )
    return "\n".join(lines)


HISTORY_COLUMNS: tuple[Column[PastEntry], ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "When"), lambda e: local_time(e.at)),
    Column(QT_TRANSLATE_NOOP("Columns", "Through"), _by),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Visit"),
        lambda e: (
            f"{e.reference} · {e.customer_name}" + (f" · {e.technician}" if e.technician else "")
        ),
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "What was done"), _work),
)


def device_words(asset: AssetRecord) -> str:
    """A device in a line: its tag, then what the asset list says of it."""
    parts = [asset.asset_tag, asset.hostname, asset.model]
    if asset.serial:
        parts.append(translate("DeviceSection", "serial {serial}").format(serial=asset.serial))
    if asset.owner:
        parts.append(translate("DeviceSection", "owner {owner}").format(owner=asset.owner))
    return " · ".join(p for p in parts if p)


class DeviceSection(Section):
    """The visit's device and the history of the device and of its user."""

    def __init__(
        self,
        context: PageContext,
        parent: QWidget | None = None,
        *,
        camera_present: Callable[[], bool] = has_camera,
    ) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Sections", "Device and its history"), context, parent)
        self._camera_present = camera_present
        self.device = wrapped_label()
        self.device.setAccessibleName(self.tr("The visit's device"))
        self.column.addWidget(self.device)
        form = self.form()
        self.scan = line_edit(
            self.tr("Asset tag"), self.tr("Scan the asset tag, or type it and press Enter")
        )
        self.scan.textEdited.connect(self._on_text_edited)
        self.scan.returnPressed.connect(self.on_scanned)
        form.addRow(self.tr("Asset tag:"), self.scan)
        self.owned = QComboBox()
        self.owned.setAccessibleName(self.tr("The user's devices on the asset list"))
        form.addRow(self.tr("User's devices:"), self.owned)
        self.attach_button = self.add_button(
            self.tr("Attach"),
            EventType.DEVICE_ATTACHED,
            self.on_scanned,
            name=self.tr("Attach the device with this asset tag"),
            unready=lambda: None if self.scan.text().strip() else self.tr("Type or scan a tag."),
        )
        self.pick_button = self.add_button(
            self.tr("Attach this one"),
            EventType.DEVICE_ATTACHED,
            self.on_picked,
            name=self.tr("Attach the user's device chosen in the list"),
            unready=lambda: (
                None if self.owned.count() else self.tr("The user has no listed device.")
            ),
        )
        self.camera_button = QPushButton(icon("import"), self.tr("Camera…"))
        self.camera_button.setAccessibleName(self.tr("Scan asset tag with the camera"))
        self.camera_button.clicked.connect(self.on_camera_clicked)
        row = QHBoxLayout()
        row.addWidget(self.camera_button)
        row.addStretch(1)
        row.addWidget(self.pick_button)
        row.addWidget(self.attach_button)
        self.column.addLayout(row)
        self.found = wrapped_label(muted=True)
        self.found.setAccessibleName(self.tr("What the scan found"))
        self.column.addWidget(self.found)
        self.summary = wrapped_label()
        self.summary.setAccessibleName(self.tr("Earlier visits in short"))
        self.column.addWidget(self.summary)
        self.model: TableModel[PastEntry] = TableModel(
            HISTORY_COLUMNS, key=lambda e: e.visit_id, parent=self
        )
        self.history = RowsView(
            self.model,
            self.tr("Earlier visits of this device and this user"),
            stretch=(2, 3),
            wrap=True,
        )
        self.column.addWidget(self.history)
        self._typing = QElapsedTimer()
        self._keys = 0

    # --- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        assert self.snapshot is not None
        panel = self.snapshot.device
        if panel is None:
            return
        if panel.tag is None:
            self.device.setText(self.tr("No device named yet: scan or type its asset tag."))
        else:
            asset = panel.asset or AssetRecord(asset_tag=panel.tag)
            self.device.setText(self.tr("Device: {device}").format(device=device_words(asset)))
        chosen = self.owned.currentData()
        self.owned.clear()
        for asset in panel.owned:
            self.owned.addItem(device_words(asset), asset.asset_tag)
        self.owned.setCurrentIndex(max(0, self.owned.findData(chosen)))
        self.owned.setEnabled(bool(panel.owned))
        self.model.set_rows(list(panel.past))
        self.history.setVisible(bool(panel.past))
        self.summary.setText(self.summary_text(list(panel.past), self.context.clock(), panel.known))

    def summary_text(self, past: list[PastEntry], now: datetime, known: bool) -> str:
        """ "3 visits in 90 days: …" (the newest first), or why there is none to show."""
        if not known:
            return self.tr("The history of this device and user comes with the next sync.")
        if not past:
            return self.tr("No earlier visits of this device or user in the last year.")
        latest = recent([e.at for e in past], now, RECENT_DAYS)
        within = [e for e in past if e.at in latest]
        if not within:
            return translate(
                "DeviceSection", "%n earlier visit(s), none in the last {days} days.", "", len(past)
            ).format(days=RECENT_DAYS)
        # A problem is often a sentence of its own: its full stop before "; " read ".;".
        told = "; ".join(
            local_time(e.at, with_day=True)
            + " "
            + (history_line(e.diagnosis, "diagnosis") if e.diagnosis else e.problem).rstrip(". ")
            + (f" ({history_line(e.fix, 'fix')})" if e.fix else "")
            for e in within[:3]
        )
        return (
            translate("DeviceSection", "%n visit(s) in {days} days: ", "", len(within)).format(
                days=RECENT_DAYS
            )
            + told
        )

    def update_availability(self) -> None:
        super().update_availability()
        self.camera_button.setEnabled(self.locked is None and not self.busy)

    # --- scanning --------------------------------------------------------------------------

    def focus_scan(self) -> None:
        """Ctrl+Shift+A: the focus in the tag field, ready for the scanner."""
        self.scan.setFocus()
        self.scan.selectAll()
        self._keys = 0

    def _on_text_edited(self, text: str) -> None:
        if len(text) <= 1 or not self._typing.isValid():
            self._typing.start()
            self._keys = 0
        self._keys += 1
        self.update_availability()

    def on_scanned(self) -> None:
        """Enter in the tag field (a scanner presses it) or Attach: find the device; attach
        it unless the visit names it already."""
        keys, seconds = self._keys, self._typing.elapsed() / 1000 if self._typing.isValid() else 0
        self._typing.invalidate()
        self._keys = 0
        how = "scanner" if looks_scanned(keys, seconds) else "typed"
        self.take(self.scan.text(), how)

    def on_picked(self) -> None:
        tag = self.owned.currentData()
        if tag:
            self.take(str(tag), "listed")

    def on_camera_clicked(self) -> None:
        if not self._camera_present():
            self.found.setText(
                self.tr(
                    "This laptop has no camera. Type the asset tag, or scan it with a USB "
                    "barcode scanner into the tag field (Ctrl+Shift+A)."
                )
            )
            return
        dialog = CameraScanDialog(self)
        dialog.tag_read.connect(lambda tag: self.take(tag, "camera"))
        dialog.open()

    def take(self, raw: str, how: str) -> None:
        """Look a tag up in what the laptop knows; attach it to the visit unless it is the
        visit's device already."""
        self.error_banner.clear()
        try:
            tag = normalize_tag(raw)
        except InvalidAsset as error:
            self.error_banner.show_text(domain_sentence(error))
            return
        panel = self.snapshot.device if self.snapshot is not None else None
        asset = panel.catalogue.get(tag) if panel is not None else None
        if asset is None:
            self.found.setText(
                self.tr("{tag} is not on this laptop's asset list: attached by its tag.").format(
                    tag=tag
                )
            )
        else:
            self.found.setText(self.tr("Found: {device}").format(device=device_words(asset)))
        self.scan.clear()
        if panel is not None and panel.tag == tag:
            self.found.setText(
                self.tr("This visit already names {device}.").format(
                    device=device_words(asset or AssetRecord(asset_tag=tag))
                )
            )
            return
        payload: dict[str, object] = {"asset_tag": tag, "how": how}
        if asset is not None:
            payload |= {
                "hostname": asset.hostname,
                "serial": asset.serial,
                "model": asset.model,
                "owner": asset.owner,
            }
        self.record(
            EventType.DEVICE_ATTACHED, {k: v for k, v in payload.items() if v}, settles=False
        )
