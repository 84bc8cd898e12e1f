"""Which certificates the laptop trusts: the operating system's store (truststore), plus an
optional CA bundle the technician or IT names in the settings."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from typing import Any

import truststore
from requests.adapters import HTTPAdapter

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.sync.errors import TLSError


def trust_context(ca_bundle: str | None = None) -> ssl.SSLContext:
    """A TLS client context that verifies servers against the OS certificate store.

    The OS store (Windows' and macOS' own, the distribution's on Linux) is what a company
    adds its TLS-inspecting proxy's CA to, so the laptop then works behind that proxy as
    the browsers do; certifi's bundle, which requests uses otherwise, never has it.
    `ca_bundle` adds the certificates of a PEM file (a server with a private CA).

    Raises:
        TLSError: the bundle cannot be read or holds no certificate, in a sentence.
    """
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if ca_bundle:
        try:
            context.load_verify_locations(cafile=ca_bundle)
        except (OSError, ssl.SSLError) as error:
            raise TLSError(
                QT_TRANSLATE_NOOP(
                    "SyncError",
                    "The CA bundle {bundle} cannot be used: it is missing, unreadable or holds "
                    "no PEM certificate. Choose another in Settings, or clear it.",
                ),
                values={"bundle": ca_bundle},
                detail=type(error).__name__,
            ) from None
    return context


class TrustingAdapter(HTTPAdapter):
    """requests' adapter, verifying TLS with one `trust_context` (also through a proxy).

    requests would otherwise name certifi's bundle (or REQUESTS_CA_BUNDLE) on every
    connection, which urllib3 loads into the context: with verify=True nothing is named,
    so the context's own trust decides; a bundle from REQUESTS_CA_BUNDLE still adds to it.
    """

    def __init__(self, context: ssl.SSLContext, **kwargs: Any) -> None:
        self._context = context
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self._context
        super().init_poolmanager(*args, **kwargs)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs["ssl_context"] = self._context
        return super().proxy_manager_for(proxy, **proxy_kwargs)

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        requests_verify: Callable[[Any, str, Any, Any], None] = super().cert_verify
        requests_verify(conn, url, verify, cert)
        if verify is True and url.lower().startswith("https"):
            conn.ca_certs = None
            conn.ca_cert_dir = None
