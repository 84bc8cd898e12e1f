"""Secrets registered with fieldapp.logs never reach a formatted log line or traceback."""

from __future__ import annotations

import io
import logging
import secrets

from fieldapp.logs import REDACTED, RedactingFormatter, keep_out_of_logs, redact


def test_a_registered_secret_is_redacted_from_messages_arguments_and_tracebacks() -> None:
    token = secrets.token_urlsafe(32)
    keep_out_of_logs(token)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("sent Authorization: Bearer %s", token)
        try:
            raise RuntimeError(f"the server echoed {token!r}")
        except RuntimeError:
            logger.exception("it failed")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    written = stream.getvalue()
    assert token not in written
    assert f"Bearer {REDACTED}" in written
    assert f"the server echoed '{REDACTED}'" in written
    assert "Traceback" in written


def test_a_longer_secret_is_redacted_whole_and_short_values_are_left_alone() -> None:
    inner = secrets.token_hex(8)
    outer = f"{inner}-{secrets.token_hex(8)}"
    keep_out_of_logs(inner)
    keep_out_of_logs(outer)
    keep_out_of_logs("ab")  # too short to be one of ours; redacting it would garble words
    assert redact(f"key={outer} part={inner} about") == f"key={REDACTED} part={REDACTED} about"
