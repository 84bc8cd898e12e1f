"""Reading an asset tag's barcode with the laptop's camera: the camera's frames go through
`read_frame` (QVideoFrame -> QImage -> zxing-cpp), the same function a test feeds with a
generated barcode. A laptop without a camera is told so in a sentence."""

from __future__ import annotations

import zxingcpp
from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoFrameFormat,
)
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from fieldapp.domain.devices import InvalidAsset, normalize_tag
from fieldapp.ui.background import BackgroundRunner


def read_image(image: QImage) -> str | None:
    """The first asset tag a barcode (or QR code) in the picture holds, or None."""
    if image.isNull():
        return None
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    for barcode in zxingcpp.read_barcodes(gray):
        try:
            return normalize_tag(barcode.text)
        except InvalidAsset:
            continue  # a barcode that is no asset tag (a product code on the sticker, say)
    return None


def read_frame(frame: QVideoFrame) -> str | None:
    """The asset tag in one of the camera's frames, or None."""
    if not frame.isValid():
        return None
    return read_image(frame_image(frame))


def frame_image(frame: QVideoFrame) -> QImage:
    """A frame as a picture: an RGB frame's pixels copied as they are; another (a camera's
    YUV) through Qt's conversion, which wants a graphics backend."""
    image_format = QVideoFrameFormat.imageFormatFromPixelFormat(frame.pixelFormat())
    if image_format == QImage.Format.Format_Invalid:
        return frame.toImage()
    copy = QVideoFrame(frame)
    if not copy.map(QVideoFrame.MapMode.ReadOnly):
        return QImage()
    try:
        pixels = bytes(copy.bits(0))
        return QImage(
            pixels, copy.width(), copy.height(), copy.bytesPerLine(0), image_format
        ).copy()
    finally:
        copy.unmap()


def has_camera() -> bool:
    """Whether the laptop has a camera Qt can open."""
    return bool(QMediaDevices.videoInputs())


class CameraScanDialog(QDialog):
    """The camera's picture; the first asset tag read in it closes the dialog (`tag`).

    Signals:
        tag_read(str): the tag read.
    """

    tag_read = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Scan asset tag with the camera"))
        self.setAccessibleName(self.tr("Scan asset tag with the camera"))
        self.tag: str | None = None
        # Frames are read off the UI thread, one at a time: those that arrive meanwhile are
        # skipped, so a slow decode never queues up behind the camera.
        self._runner = BackgroundRunner(self, max_threads=1)
        self._reading = False
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Hold the asset tag's barcode in front of the camera."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.video = QVideoWidget(self)
        self.video.setMinimumSize(320, 240)
        layout.addWidget(self.video, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.camera = QCamera(QMediaDevices.defaultVideoInput(), self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setVideoOutput(self.video)
        self.video.videoSink().videoFrameChanged.connect(self.on_frame)
        self.camera.start()

    def on_frame(self, frame: QVideoFrame) -> None:
        if self.tag is not None or self._reading:
            return
        self._reading = True
        copy = QVideoFrame(frame)
        self._runner.run(lambda: read_frame(copy), self.on_read, lambda _error: self.on_read(None))

    def on_read(self, tag: str | None) -> None:
        self._reading = False
        if tag is None or self.tag is not None:
            return
        self.tag = tag
        self.camera.stop()
        self.tag_read.emit(tag)
        self.accept()

    def done(self, result: int) -> None:
        self.camera.stop()
        self._runner.wait()
        super().done(result)
