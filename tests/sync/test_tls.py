"""TLS as the laptop verifies it: the OS store (truststore) plus an optional CA bundle, against
a real HTTPS server whose certificate a CA made in the test signed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.sync import ServerClient
from fieldapp.sync.errors import TLSError
from fieldapp.sync.tls import trust_context
from tests.support.certs import ServerCertificate, make_server_certificate
from tests.support.connect_proxy import connect_proxy
from tests.support.servers import running_uvicorn
from tests.sync.harness import Server, cheap_settings


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> ServerCertificate:
    return make_server_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def https_server(certificate: ServerCertificate, tmp_path: Path) -> Iterator[Server]:
    from fieldapp.server.app import create_app

    app = create_app(cheap_settings(tmp_path / "server"))
    with running_uvicorn(
        app, ssl_certfile=str(certificate.cert_file), ssl_keyfile=str(certificate.key_file)
    ) as url:
        yield Server(url, app)


def _client(url: str, ca_bundle: str | None = None) -> ServerClient:
    return ServerClient(url, timeout=(2.0, 5.0), retries=0, ca_bundle=ca_bundle)


def test_a_server_signed_by_an_unknown_ca_is_refused_in_a_sentence(
    https_server: Server,
) -> None:
    assert https_server.base_url.startswith("https://127.0.0.1:")
    with _client(https_server.base_url) as client, pytest.raises(TLSError) as refused:
        client.info()
    assert "certificate could not be verified" in str(refused.value)
    assert "CA certificate" in str(refused.value)


def test_the_ca_bundle_named_makes_the_server_trusted_and_a_login_works(
    https_server: Server, certificate: ServerCertificate
) -> None:
    username, password = https_server.add_technician()
    with _client(https_server.base_url, str(certificate.ca_file)) as client:
        assert client.info().api_version >= 1
        client.login(username, password)
        assert client.logged_in


def test_the_bundle_of_another_ca_does_not_make_the_server_trusted(
    https_server: Server, tmp_path: Path
) -> None:
    other = make_server_certificate(tmp_path / "other")
    with _client(https_server.base_url, str(other.ca_file)) as client, pytest.raises(TLSError):
        client.info()


def test_requests_own_bundle_variable_does_not_replace_the_trust(
    https_server: Server, certificate: ServerCertificate, monkeypatch: pytest.MonkeyPatch
) -> None:
    """REQUESTS_CA_BUNDLE adds a CA (as a company's proxy set-up may name one) to the OS
    store instead of replacing it: the server's CA named there is trusted."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certificate.ca_file))
    with _client(https_server.base_url) as client:
        assert client.info().api_version >= 1


@pytest.mark.parametrize("content", [b"", b"not a certificate\n"])
def test_a_bundle_that_is_not_one_is_said_before_any_connection(
    tmp_path: Path, content: bytes
) -> None:
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(content)
    for path in (bundle, tmp_path / "missing.pem"):
        with pytest.raises(TLSError) as refused:
            trust_context(str(path))
        assert str(path) in str(refused.value)
        assert "Settings" in str(refused.value)
        # A client made with it says so at its first call, without reaching out.
        with _client("https://127.0.0.1:9", str(path)) as client, pytest.raises(TLSError) as said:
            client.info()
        assert str(path) in str(said.value)


def test_through_a_proxy_from_the_environment_the_same_trust_holds(
    https_server: Server, certificate: ServerCertificate, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTPS_PROXY is followed (a CONNECT tunnel, as a company's proxy opens) and the
    server's certificate is checked through it with the OS store and the bundle named."""
    for name in ("NO_PROXY", "no_proxy", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    with connect_proxy() as (proxy_url, tunnels):
        monkeypatch.setenv("HTTPS_PROXY", proxy_url)
        with _client(https_server.base_url) as client, pytest.raises(TLSError):
            client.info()
        with _client(https_server.base_url, str(certificate.ca_file)) as client:
            assert client.info().api_version >= 1
    host_port = https_server.base_url.removeprefix("https://")
    assert tunnels == [host_port, host_port]
