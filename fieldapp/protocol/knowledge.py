"""The knowledge base on the wire: articles, past fixes, incidents' known fixes, the snapshot."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from fieldapp.protocol.common import Answer, LongText, ShortText, StorableText, WireModel

# What one knowledge snapshot carries at most: the laptop keeps all of it offline, so it is
# bounded whatever the server holds (docs/sync.md, "Past fixes and articles").
MAX_SNAPSHOT_ARTICLES = 500
MAX_SNAPSHOT_FIXES = 300
MAX_SNAPSHOT_KNOWN_FIXES = 200
# How far back the server looks for the resolved visits of the technician's sites.
PAST_FIX_DAYS = 90

TitleText = Annotated[StorableText, Field(min_length=1, max_length=500)]


class ArticleFields(Answer):
    """What an article says: the symptom as users tell it, the cause found, the fix.

    Each text is what a technician reads on the Diagnose page; none names a customer.
    """

    title: TitleText
    problem: LongText = ""
    findings: LongText = ""
    resources_used: LongText = ""
    fix: LongText = ""
    category: ShortText = ""
    source_category: ShortText = ""


class ArticleCreate(WireModel):
    """POST /articles: promote the resolution of `visit_id` to an article.

    The article starts as the visit's problem, latest diagnosis and resolution say; a field
    given here replaces that part (a supervisor usually rewrites the title and the fix)."""

    visit_id: Annotated[str, Field(min_length=1, max_length=64)]
    title: TitleText | None = None
    problem: LongText | None = None
    findings: LongText | None = None
    resources_used: LongText | None = None
    fix: LongText | None = None


class ArticleUpdate(WireModel):
    """PATCH /articles/{id}: the fields to change (leave out what stays)."""

    title: TitleText | None = None
    problem: LongText | None = None
    findings: LongText | None = None
    resources_used: LongText | None = None
    fix: LongText | None = None
    category: ShortText | None = None


class ArticlePublic(ArticleFields):
    """An article as the server keeps it. `retired_at` set: no longer sent to laptops."""

    id: str
    source_visit_id: str | None
    source_reference: str
    created_by: str
    updated_by: str
    created_at: datetime
    updated_at: datetime
    retired_at: datetime | None


class ArticlePage(Answer):
    """GET /articles: newest change first; `q` matches every word typed."""

    articles: list[ArticlePublic]
    total: int
    offset: int
    limit: int


class PastFix(Answer):
    """A resolved visit as the knowledge base holds it: no customer's name, contact or room.

    `user_perspective` is the symptom in the user's words as the technician wrote it down."""

    visit_id: str
    reference: str
    site: str
    category: str
    problem: str
    user_perspective: str
    source_category: str
    findings: str
    resources_used: str
    explanation: str
    resolved_at: datetime


class KnownFixIn(WireModel):
    """PUT /incidents/{ref}/known-fix: the fix every technician on the incident's visits sees
    (empty text: the incident has none any more)."""

    known_fix: LongText


class KnownFixPublic(Answer):
    incident_ref: str
    known_fix: str
    set_by: str
    updated_at: datetime


class KnowledgeSnapshot(Answer):
    """GET /sync/knowledge: everything the laptop keeps, whole (it replaces what it had).

    `version` names the content; a laptop that sends it back as `known` gets `unchanged`
    true and empty lists when nothing changed since."""

    version: str
    unchanged: bool = False
    articles: list[ArticlePublic] = Field(default_factory=list)
    fixes: list[PastFix] = Field(default_factory=list)
    known_fixes: list[KnownFixPublic] = Field(default_factory=list)
