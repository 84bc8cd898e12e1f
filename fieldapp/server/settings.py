"""Server settings, read from FIELDAPP_* environment variables, each with type and default."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field, field_validator, model_validator
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
    token_ttl_hours: float = Field(
        default=12, gt=0, le=24 * 90, description="How long a login token stays valid."
    )
    login_max_failures: int = Field(
        default=5, ge=1, le=1000, description="Failed logins per username before a lockout."
    )
    login_lockout_seconds: int = Field(
        default=300, ge=1, le=86_400, description="Window counting failures, and lockout length."
    )
    tombstone_horizon_days: int = Field(
        default=30,
        ge=1,
        le=3650,
        description="How long tombstones stay in the change feed; older cursors must re-fetch.",
    )
    max_page: int = Field(
        default=protocol.MAX_PAGE,
        ge=1,
        le=protocol.MAX_PAGE,
        description="The largest page of changes or visits one request returns.",
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

    @model_validator(mode="after")
    def _default_database(self) -> ServerSettings:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'server.sqlite3'}"
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
