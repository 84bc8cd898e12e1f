"""Whether the server announces a newer laptop app, and the sentence that tells the technician."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldapp import protocol
from fieldapp.domain.words import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from fieldapp.protocol import ServerInfo


@dataclass(frozen=True, slots=True)
class UpdateOffer:
    """A newer FieldApp the server names: its version and where to get it ("" if unsaid)."""

    version: str
    url: str

    @property
    def words(self) -> tuple[str, dict[str, str]]:
        """The sentence as a template to translate (context "SyncError") and its values."""
        values = {"version": self.version, "mine": protocol.CLIENT_VERSION, "url": self.url}
        if self.url:
            return QT_TRANSLATE_NOOP(
                "SyncError",
                "FieldApp {version} is available (this laptop has {mine}). Get it from {url}. "
                "Syncing goes on meanwhile.",
            ), values
        return QT_TRANSLATE_NOOP(
            "SyncError",
            "FieldApp {version} is available (this laptop has {mine}). Ask IT how to install "
            "it. Syncing goes on meanwhile.",
        ), values

    def sentence(self) -> str:
        template, values = self.words
        return template.format(**values)


def update_offer(info: ServerInfo | None) -> UpdateOffer | None:
    """The newer version `info` announces, or None (none named, or this app is as new).

    Only a version below the server's minimum stops syncing (check_compatible); a newer one
    announced is news for the technician, never a reason to refuse.
    """
    if info is None or not info.latest_client_version:
        return None
    latest = info.latest_client_version[:20]
    if protocol.version_at_least(protocol.CLIENT_VERSION, latest):
        return None
    return UpdateOffer(latest, (info.client_download_url or "")[:500])
