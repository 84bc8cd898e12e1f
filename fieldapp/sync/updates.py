"""Whether the server announces a newer laptop app, and the sentence that tells the technician."""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp import protocol
from fieldapp.protocol import ServerInfo


@dataclass(frozen=True, slots=True)
class UpdateOffer:
    """A newer FieldApp the server names: its version and where to get it ("" if unsaid)."""

    version: str
    url: str

    def sentence(self) -> str:
        where = f" Get it from {self.url}." if self.url else " Ask IT how to install it."
        return (
            f"FieldApp {self.version} is available (this laptop has {protocol.CLIENT_VERSION})."
            f"{where} Syncing goes on meanwhile."
        )


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
