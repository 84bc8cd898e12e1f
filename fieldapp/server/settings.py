"""Server settings, read from FIELDAPP_* environment variables, each with type and default."""

from __future__ import annotations

import re
from email.utils import parseaddr
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from fieldapp import protocol
from fieldapp.paths import APP_NAME


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME)) / "server"


class ServerSettings(BaseSettings):
    """Everything the server can be told; tests build one directly with a tmp_path data_dir."""

    model_config = SettingsConfigDict(env_prefix="FIELDAPP_", extra="ignore")

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Directory for the embedded SQLite database and other server files.",
    )
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty means the SQLite file server.sqlite3 in data_dir. "
        "PostgreSQL: postgresql+psycopg://user:password@host/dbname.",
    )
    workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Server processes sharing the port; more than one needs PostgreSQL to "
        "pay off (SQLite takes one writer at a time). The first process migrates the "
        "database once, then starts them.",
    )
    request_threads: int = Field(
        default=8,
        ge=1,
        le=256,
        description="Requests a server process works on at once (its thread pool; more "
        "wait their turn in arrival order). Python runs one thread at a time: more threads "
        "only take turns on the CPU, and on SQLite a writer's turn then waits for a thread "
        "that is not running.",
    )
    forwarded_allow_ips: str = Field(
        default="127.0.0.1",
        description="Addresses or networks (comma-separated, e.g. 172.16.0.0/12) of the "
        "reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers are believed: "
        "the login throttle counts failures by the address they name. '*' trusts anyone.",
    )
    latest_client_version: str = Field(
        default="",
        description="The newest laptop app version (e.g. 0.2.0), named in GET /info so each "
        "laptop tells its technician when an update is there; empty: none is announced. "
        "Laptops older than the protocol's minimum are refused whatever this says.",
    )
    client_download_url: str = Field(
        default="",
        description="Where technicians get the newest laptop app (an https:// page or "
        "installer), named in GET /info beside latest_client_version.",
    )
    token_ttl_hours: float = Field(
        default=12, gt=0, le=24 * 90, description="How long a login token stays valid."
    )
    # The login throttle and the hashing gate: docs/security.md says how they fit together.
    login_max_failures: int = Field(
        default=5,
        ge=1,
        le=1000,
        description="Failed logins for one username from one address before each further "
        "attempt from there must wait (login_first_delay_seconds, doubling).",
    )
    login_first_delay_seconds: int = Field(
        default=15,
        ge=1,
        le=86_400,
        description="The first wait once failures reach a limit; each further failure "
        "doubles it, up to login_lockout_seconds.",
    )
    login_lockout_seconds: int = Field(
        default=300, ge=1, le=86_400, description="The longest wait the throttle imposes."
    )
    login_failure_window_seconds: int = Field(
        default=3600,
        ge=1,
        le=7 * 86_400,
        description="How long a failed login counts for the throttle; older ones are pruned.",
    )
    login_address_max_failures: int = Field(
        default=50,
        ge=1,
        le=1_000_000,
        description="Failed logins from one address (any usernames; an IPv6 /64 counts as "
        "one address) before each further attempt from there must wait.",
    )
    login_hash_concurrency: int = Field(
        default=2,
        ge=1,
        le=64,
        description="Password hashes (argon2, argon2_memory_kib each) computed at once.",
    )
    login_hash_queue: int = Field(
        default=16,
        ge=0,
        le=10_000,
        description="Logins that may wait for a hashing slot; more are refused at once (503).",
    )
    tombstone_horizon_days: int = Field(
        default=30,
        ge=1,
        le=3650,
        description="How long tombstones stay in the change feed; older cursors must re-fetch.",
    )
    prune_interval_hours: float = Field(
        default=6, gt=0, le=24 * 30, description="How often tombstones past the horizon go."
    )
    max_page: int = Field(
        default=protocol.MAX_PAGE,
        ge=1,
        le=protocol.MAX_PAGE,
        description="The largest page of changes or visits one request returns.",
    )
    attachments_dir: Path | None = Field(
        default=None,
        description="Directory of the uploaded files; empty means 'attachments' in data_dir. "
        "Several API processes must share it.",
    )
    attachment_quota_bytes: int = Field(
        default=5 * 1024**3,
        ge=1,
        description="Bytes of uploads each user may keep (an upload no event names stops "
        "counting once swept).",
    )
    orphan_upload_grace_hours: float = Field(
        default=7 * 24,
        gt=0,
        le=24 * 365,
        description="How long an upload no event names is kept (a laptop uploads a file "
        "before pushing the event that names it) before the sweep removes it.",
    )
    stall_timeout_seconds: float = Field(
        default=30,
        gt=0,
        le=3600,
        description="The longest a request may stall before its connection is closed: a "
        "request head not complete, or no piece of its body arriving (answered 408).",
    )
    http_parser: Literal["auto", "httptools", "h11"] = Field(
        default="auto",
        description="How request heads are parsed: httptools (llhttp, in C), h11 (pure "
        "Python), or auto: httptools when it is installed (it is with the server's "
        "dependencies). Both cut a stalled request head alike.",
    )
    keep_alive_seconds: float = Field(
        default=5,
        gt=0,
        le=3600,
        description="How long an idle keep-alive connection stays open between requests.",
    )
    smtp_host: str = Field(
        default="",
        description="SMTP server that sends the customers' mail; empty disables sending (the "
        "outbox still records every message, to send once a host is set).",
    )
    smtp_port: int = Field(default=587, ge=1, le=65_535, description="SMTP server port.")
    smtp_starttls: bool = Field(
        default=True, description="Upgrade the SMTP connection with STARTTLS (verified TLS)."
    )
    smtp_tls: bool = Field(
        default=False,
        description="Speak TLS from the first byte (SMTPS, usually port 465; verified TLS); "
        "smtp_starttls then does not apply.",
    )
    smtp_username: str = Field(default="", description="SMTP login; empty: no AUTH.")
    smtp_password: SecretStr = Field(default=SecretStr(""), description="SMTP password.")
    smtp_ca_file: Path | None = Field(
        default=None, description="CA bundle that verifies the SMTP server (default: system's)."
    )
    smtp_timeout_seconds: float = Field(default=30, gt=0, le=600)
    mail_from: str = Field(
        default="", description="Sender address of the customers' mail, e.g. it@example.com."
    )
    mail_poll_seconds: float = Field(
        default=5, gt=0, le=3600, description="How often the outbox is checked for due mail."
    )
    mail_retry_base_seconds: float = Field(
        default=30, gt=0, le=86_400, description="First retry delay; doubles at each failure."
    )
    mail_retry_max_seconds: float = Field(
        default=3600, gt=0, le=7 * 86_400, description="The longest delay between retries."
    )
    mail_max_attempts: int = Field(
        default=20, ge=1, le=1000, description="Attempts before a message is marked failed."
    )
    # The customer's loop (docs/deploy.md): the page a confirmation e-mail links to.
    public_url: str = Field(
        default="",
        description="The server's address as the users reach it (e.g. https://it.example.com), "
        "for the link in each confirmation e-mail to the page where the user confirms or asks "
        "for another time; empty: the mail carries no link (the calendar file still goes).",
    )
    site_timezone: str = Field(
        default="UTC",
        description="The IANA time zone of the site (e.g. Europe/Berlin): the customer page "
        "shows times in it and reads the times a user asks for in it.",
    )
    customer_page_per_minute: int = Field(
        default=30,
        ge=1,
        le=10_000,
        description="Requests one address may make to the customer page per minute; more are "
        "answered 429 (per server process).",
    )
    # argon2id cost. The defaults are argon2-cffi's (RFC 9106 low-memory profile); tests may
    # lower them, production should not.
    argon2_time_cost: int = Field(default=3, ge=1, le=20)
    argon2_memory_kib: int = Field(default=65_536, ge=8, le=4 * 1024 * 1024)
    argon2_parallelism: int = Field(default=4, ge=1, le=64)

    @field_validator("data_dir")
    @classmethod
    def _expand_data_dir(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("database_url")
    @classmethod
    def _normalise_url(cls, value: str) -> str:
        value = value.strip()
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        if value and not value.startswith(("sqlite://", "sqlite+pysqlite://", "postgresql+")):
            raise ValueError("must be a sqlite:/// or postgresql+psycopg:// URL")
        return value

    @field_validator("smtp_host", "smtp_username", "mail_from")
    @classmethod
    def _one_line(cls, value: str) -> str:
        value = value.strip()
        if any(c in value for c in "\r\n\x00"):
            raise ValueError("must be a single line")
        return value

    @field_validator("latest_client_version")
    @classmethod
    def _version(cls, value: str) -> str:
        value = value.strip()
        if value and not re.fullmatch(r"\d{1,9}(\.\d{1,9}){0,8}", value):
            raise ValueError("must be a dotted version number, e.g. 0.2.0")
        return value

    @field_validator("client_download_url")
    @classmethod
    def _download_url(cls, value: str) -> str:
        value = value.strip()
        if value and (
            not value.startswith(("https://", "http://"))
            or any(c.isspace() or c == "\x00" for c in value)
            or len(value) > 2000
        ):
            raise ValueError("must be an http(s):// address without spaces")
        return value

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if value and (
            not value.startswith(("https://", "http://"))
            or any(c.isspace() or c in "\x00?#" for c in value)
            or len(value) > 500
        ):
            raise ValueError("must be an http(s):// address without spaces, query or fragment")
        return value

    @field_validator("site_timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        value = value.strip()
        try:
            ZoneInfo(value)
        except (ValueError, ZoneInfoNotFoundError):
            raise ValueError("must be an IANA time zone name, e.g. Europe/Berlin") from None
        return value

    @field_validator("smtp_host")
    @classmethod
    def _host(cls, value: str) -> str:
        if " " in value or "/" in value:
            raise ValueError("must be a host name or address, without scheme or port")
        return value

    @model_validator(mode="after")
    def _mail(self) -> ServerSettings:
        _, address = parseaddr(self.mail_from)
        if self.mail_from and ("@" not in address or " " in address):
            raise ValueError("mail_from must be an e-mail address, e.g. it@example.com")
        if self.smtp_host and not self.mail_from:
            raise ValueError("mail_from is needed when smtp_host is set")
        if bool(self.smtp_username) != bool(self.smtp_password.get_secret_value()):
            raise ValueError("smtp_username and smtp_password go together")
        if self.mail_retry_max_seconds < self.mail_retry_base_seconds:
            raise ValueError("mail_retry_max_seconds must not be below mail_retry_base_seconds")
        return self

    @model_validator(mode="after")
    def _throttle(self) -> ServerSettings:
        # A failure forgotten before the longest wait ends would cut the doubling short.
        if self.login_failure_window_seconds < self.login_lockout_seconds:
            raise ValueError("login_failure_window_seconds must not be below login_lockout_seconds")
        if self.login_lockout_seconds < self.login_first_delay_seconds:
            raise ValueError("login_lockout_seconds must not be below login_first_delay_seconds")
        return self

    @model_validator(mode="after")
    def _default_database(self) -> ServerSettings:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'server.sqlite3'}"
        return self

    @property
    def attachment_dir(self) -> Path:
        """Where uploaded files are stored."""
        return (self.attachments_dir or self.data_dir / "attachments").expanduser()

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def zone(self) -> ZoneInfo:
        """The site's time zone (site_timezone)."""
        return ZoneInfo(self.site_timezone)

    @property
    def mail_enabled(self) -> bool:
        return bool(self.smtp_host)
