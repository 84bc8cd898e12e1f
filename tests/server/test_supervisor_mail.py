"""Customer mail: queued with the accepted event, sent over SMTP to a real (aiosmtpd) server on
loopback, read back as received; retried after a failure; STARTTLS with login."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import ipaddress
import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import select

from fieldapp.domain import EventType as E
from fieldapp.server.app import create_app
from fieldapp.server.models_supervision import MailMessage
from fieldapp.server.outbox import send_due_mail
from fieldapp.server.settings import ServerSettings
from tests.server.helpers import Live, cheap_settings, create_visit
from tests.server.supervision_kit import ev, push_ok
from tests.support.servers import free_port, running_uvicorn

NOW = dt.datetime(2030, 3, 11, 8, 0, tzinfo=dt.UTC)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass
class Inbox:
    """An aiosmtpd handler keeping what it received."""

    messages: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server(port: int, inbox: Inbox, **parameters: Any) -> Iterator[Controller]:
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **parameters)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


@contextmanager
def mail_server(database_url: str, directory: Path, port: int, **overrides: Any) -> Iterator[Live]:
    settings = {
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_starttls": False,
        "mail_from": "IT Support <it@example.com>",
        "mail_poll_seconds": 3600,  # tests call the sender themselves unless they say so
        **overrides,
    }
    app = create_app(cheap_settings(directory, database_url, **settings))
    with running_uvicorn(app) as base_url:
        live = Live(base_url, app, app.state.settings)
        yield live
        live.close_clients()


def send(live: Live, now: dt.datetime = NOW) -> int:
    with live.app.state.sessionmaker() as session:
        return send_due_mail(session, live.settings, now)


def outbox(live: Live) -> list[MailMessage]:
    with live.db() as session:
        return list(session.scalars(select(MailMessage).order_by(MailMessage.id)))


def confirmed_visit(live: Live, **visit: Any) -> tuple[str, str, dict[str, Any]]:
    supervisor = live.supervisor()
    tech = live.technician()
    reference = f"INC-{time.monotonic_ns()}"
    visit_id = create_visit(
        supervisor, tech.username, reference=reference, contact_email="priya@example.com", **visit
    )
    message = "Tuesday 10:00, 30 minutes, Kyra from IT, ref " + reference
    confirm = ev(visit_id, E.CONFIRMED, NOW, channel="email", message=message)
    push_ok(tech, confirm, ev(visit_id, E.CONFIRMED, NOW, channel="phone", message="Rang too."))
    return visit_id, reference, confirm


def test_the_confirmation_is_received_by_the_customer(database_url: str, tmp_path: Path) -> None:
    inbox, port = Inbox(), free_port()
    with smtp_server(port, inbox), mail_server(database_url, tmp_path, port) as live:
        _, reference, confirm = confirmed_visit(live)
        queued = outbox(live)
        sent = send(live)
        stored = outbox(live)

    assert [m.kind for m in queued] == ["confirmation"]  # the phone call sends nothing
    assert sent == 1
    (sender, recipients, message) = inbox.messages[0]
    assert sender == "it@example.com"
    assert recipients == ["priya@example.com"]
    assert message["To"] == "priya@example.com"
    assert reference in message["Subject"]
    body = message.get_body(("plain",))
    assert body is not None
    assert body.get_content().strip() == confirm["payload"]["message"]
    assert stored[0].sent_at == NOW
    assert stored[0].attempts == 1
    assert stored[0].last_error is None


def test_the_service_report_pdf_is_mailed_and_downloadable(
    database_url: str, tmp_path: Path
) -> None:
    inbox, port = Inbox(), free_port()
    with smtp_server(port, inbox), mail_server(database_url, tmp_path, port) as live:
        supervisor, tech = live.supervisor(), live.technician()
        visit_id = create_visit(supervisor, tech.username, contact_email="priya@example.com")
        sha = hashlib.sha256(PDF).hexdigest()
        assert tech.put(f"/attachments/{sha}", data=PDF).status_code == 201
        report = {
            "sha256": sha,
            "filename": "service-report.pdf",
            "media_type": "application/pdf",
            "size": len(PDF),
            "kind": "service_report",
        }
        push_ok(tech, ev(visit_id, E.ATTACHMENT_ADDED, NOW, **report))
        assert send(live) == 1
        download = supervisor.get(f"/visits/{visit_id}/service-report")
        listed = supervisor.get("/mail", params={"status": "sent"}).json()

    (_, _, message) = inbox.messages[0]
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "service-report.pdf"
    assert attachment.get_content() == PDF
    assert "Service report" in message["Subject"]
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert "service-report.pdf" in download.headers["content-disposition"]
    assert [m["attachment_name"] for m in listed["messages"]] == ["service-report.pdf"]


def test_a_message_survives_a_dead_smtp_server_and_is_sent_later(
    database_url: str, tmp_path: Path
) -> None:
    inbox, port = Inbox(), free_port()
    with mail_server(database_url, tmp_path, port, mail_retry_base_seconds=60) as live:
        with smtp_server(port, inbox):
            pass  # up, then stopped: nothing listens any more
        confirmed_visit(live)
        assert send(live) == 0
        (failed,) = outbox(live)
        assert send(live, NOW + dt.timedelta(seconds=30)) == 0  # not due yet: not tried
        with smtp_server(port, inbox):
            sent = send(live, NOW + dt.timedelta(seconds=61))
        (done,) = outbox(live)

    assert failed.sent_at is None
    assert failed.attempts == 1
    assert failed.last_error
    assert "Connection" in failed.last_error or "refused" in failed.last_error.lower()
    assert failed.next_attempt_at == NOW + dt.timedelta(seconds=60)
    assert sent == 1
    assert done.attempts == 2
    assert done.sent_at == NOW + dt.timedelta(seconds=61)
    assert len(inbox.messages) == 1


def test_the_sender_loop_of_the_running_server_delivers(database_url: str, tmp_path: Path) -> None:
    inbox, port = Inbox(), free_port()
    with (
        smtp_server(port, inbox),
        mail_server(database_url, tmp_path, port, mail_poll_seconds=0.1) as live,
    ):
        _, reference, _ = confirmed_visit(live)
        deadline = time.monotonic() + 10
        while not inbox.messages and time.monotonic() < deadline:
            time.sleep(0.05)

    assert [reference in m["Subject"] for _, _, m in inbox.messages] == [True]


def test_without_an_address_or_a_host_nothing_is_sent(database_url: str, tmp_path: Path) -> None:
    app = create_app(cheap_settings(tmp_path, database_url))  # no smtp_host: mail disabled
    with running_uvicorn(app) as base_url:
        live = Live(base_url, app, app.state.settings)
        confirmed_visit(live)
        supervisor, tech = live.supervisor(), live.technician()
        no_address = create_visit(supervisor, tech.username)
        push_ok(tech, ev(no_address, E.CONFIRMED, NOW, channel="email", message="Tue 10:00"))
        sent = send(live)
        queued = supervisor.get("/mail", params={"status": "queued"}).json()
        failed = supervisor.get("/mail", params={"status": "failed"}).json()
        live.close_clients()

    assert sent == 0
    assert queued["total"] == 1  # kept until a host is configured
    assert failed["total"] == 1
    assert "no valid contact e-mail" in failed["messages"][0]["last_error"]


def _certificate(directory: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp.pem", directory / "smtp.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_starttls_and_login(database_url: str, tmp_path: Path) -> None:
    cert_path, key_path = _certificate(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert_path, key_path)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(*args: Any) -> AuthResult:
        data = args[-1]
        assert isinstance(data, LoginPassword)
        logins.append((data.login, data.password))
        return AuthResult(success=data.password == b"s3cret")

    tls = {"tls_context": server_tls, "require_starttls": True, "auth_required": True}
    inbox, port = Inbox(), free_port()
    mail = {"smtp_starttls": True, "smtp_ca_file": cert_path, "smtp_username": "fieldapp"}
    with (
        smtp_server(port, inbox, authenticator=authenticator, **tls),
        mail_server(database_url, tmp_path, port, smtp_password="s3cret", **mail) as live,
    ):
        confirmed_visit(live)
        sent = send(live)

    assert sent == 1
    assert logins == [(b"fieldapp", b"s3cret")]
    assert len(inbox.messages) == 1


def test_implicit_tls_on_the_smtps_port(database_url: str, tmp_path: Path) -> None:
    cert_path, key_path = _certificate(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert_path, key_path)
    inbox, port = Inbox(), free_port()
    mail = {"smtp_tls": True, "smtp_ca_file": cert_path}  # smtp_starttls stays at its default
    with (
        smtp_server(port, inbox, ssl_context=server_tls),
        mail_server(database_url, tmp_path, port, **mail) as live,
    ):
        confirmed_visit(live)
        sent = send(live)

    assert sent == 1
    assert len(inbox.messages) == 1


def test_implicit_tls_refuses_a_server_it_cannot_verify(database_url: str, tmp_path: Path) -> None:
    cert_path, key_path = _certificate(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert_path, key_path)
    inbox, port = Inbox(), free_port()
    with (
        smtp_server(port, inbox, ssl_context=server_tls),
        mail_server(database_url, tmp_path, port, smtp_tls=True) as live,  # system CAs only
    ):
        confirmed_visit(live)
        sent = send(live)
        (message,) = outbox(live)

    assert sent == 0
    assert inbox.messages == []
    # Kept, to retry once the certificate is sorted out.
    assert (message.sent_at, message.failed_at, message.attempts) == (None, None, 1)
    assert "certificate" in (message.last_error or "").lower()


@pytest.mark.parametrize(
    ("overrides", "complaint"),
    [
        ({"smtp_host": "mail.example.com"}, "mail_from is needed"),
        ({"mail_from": "not an address"}, "e-mail address"),
        ({"smtp_username": "it"}, "go together"),
        ({"smtp_port": 0}, "greater than or equal to 1"),
        ({"smtp_host": "smtp://mail.example.com"}, "host name"),
        ({"mail_retry_base_seconds": 100, "mail_retry_max_seconds": 10}, "must not be below"),
    ],
)
def test_mail_settings_are_validated(
    overrides: dict[str, Any], complaint: str, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match=complaint):
        ServerSettings(data_dir=tmp_path, **overrides)


def test_the_password_never_shows(tmp_path: Path) -> None:
    settings = ServerSettings(
        data_dir=tmp_path, smtp_host="mail.example.com", mail_from="it@example.com",
        smtp_username="it", smtp_password="hunter2",
    )  # fmt: skip
    assert "hunter2" not in repr(settings)
    assert settings.smtp_password.get_secret_value() == "hunter2"
