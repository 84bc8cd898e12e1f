"""The wire schema's constants (paths, versions, headers, limits), without pydantic."""

import functools

from fieldapp import __version__

API_PREFIX = "/api/v1"
API_VERSION = 1
CLIENT_VERSION = __version__
# The oldest laptop version whose requests the server still understands, and the header
# the laptop sends its version in.
MIN_CLIENT_VERSION = "0.1.0"
CLIENT_VERSION_HEADER = "X-FieldApp-Client"
# The shape of GET /info a client reads. Laptops up to 0.1.0 send no such header and refuse
# any field they do not know, so the server adds the update fields (and any later ones)
# only for a client that sends INFO_SHAPE or more; such a client ignores fields it does
# not know.
INFO_SHAPE_HEADER = "X-FieldApp-Info"
INFO_SHAPE = 2
# The feed a laptop reads: which event types it knows beyond those of its version's release.
# 0.2.0 as released sends no such header (it reads shape 2); a laptop sending 3 knows
# device_attached. Whoever adds an event type, a visit field or a payload field after 0.2.0
# raises FEED_SHAPE and says in fieldapp.server.feed_older what the new shape adds.
FEED_SHAPE_HEADER = "X-FieldApp-Feed"
FEED_SHAPE = 3
# A laptop that sends SYNC_STATE_HEADER (any value) reads the sync's state from the feed's
# answers, so a sync with nothing new is one request: each page carries the server's info
# (SERVER_INFO_HEADER: GET /info's JSON, as that client would get it) and the feed's last
# page the knowledge snapshot's version (KNOWLEDGE_HEADER). A server that sends neither is
# older: the laptop asks /info and /sync/knowledge as before. Headers, not fields: a laptop
# refuses a page with a field it does not know, and an older one never asks.
# The API version the laptop speaks, sent with every request. A server that tells
# `checks_versions` in its info refuses (426, before it reads or writes anything) a request
# whose API version is not its own or whose client version is below its minimum, so a
# laptop that knows this of the server can push without asking /info first (docs/sync.md,
# "Versions checked by the server"). Every server that does not check (every one before
# the check came) speaks API version UNCHECKED_API_VERSION.
API_VERSION_HEADER = "X-FieldApp-Api"
UNCHECKED_API_VERSION = 1
SYNC_STATE_HEADER = "X-FieldApp-Sync-State"
SERVER_INFO_HEADER = "X-FieldApp-Server-Info"
KNOWLEDGE_HEADER = "X-FieldApp-Knowledge"
# Beside each page of the feed (but a must-refetch answer), where the feed goes on: the
# page's next_cursor and whether more follows, as "<next_cursor> more" or "<next_cursor>
# last". The laptop asks for the next page as soon as the headers are in, while it decodes
# and applies this one, so the server renders it meanwhile; a server that sends no such
# header is older: the laptop asks once the page is decoded.
NEXT_PAGE_HEADER = "X-FieldApp-Next-Page"
MAX_PUSH_BATCH = 500
MAX_PAGE = 5000
MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


def _version_tuple(version: str) -> tuple[int, ...]:
    # Only ASCII digits, at most 9 of them: str.isdigit() also takes "²" (which int()
    # refuses) and int() refuses more than 4300 digits; such a part is not a version number.
    return tuple(
        int(part)
        for part in version.split(".", 8)
        if part.isascii() and part.isdigit() and len(part) <= 9
    )


# Asked at every request the server answers (the request guard, the feed's shape) with the
# few versions its laptops run: parsed once each.
@functools.lru_cache(maxsize=256)
def version_at_least(version: str, minimum: str) -> bool:
    """True if dotted `version` is `minimum` or newer."""
    return _version_tuple(version) >= _version_tuple(minimum)
