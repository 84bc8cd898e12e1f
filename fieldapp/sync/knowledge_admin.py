"""The supervisors' calls of the knowledge base: articles and incidents' known fixes."""

from __future__ import annotations

from urllib.parse import quote

from pydantic import TypeAdapter

from fieldapp.protocol.knowledge import (
    ArticleCreate,
    ArticlePage,
    ArticlePublic,
    ArticleUpdate,
    KnownFixIn,
    KnownFixPublic,
)
from fieldapp.sync.supervisor import SupervisorClient

_KNOWN_FIXES = TypeAdapter(list[KnownFixPublic])
PAGE = 500


def articles(
    client: SupervisorClient, q: str = "", *, include_retired: bool = False
) -> list[ArticlePublic]:
    """Every article (matching every word of `q`), newest change first."""
    found: list[ArticlePublic] = []
    while True:
        params = {"q": q, "include_retired": include_retired, "offset": len(found), "limit": PAGE}
        page = client.server.parse(ArticlePage, client.request("GET", "/articles", params=params))
        found += page.articles
        if not page.articles or len(found) >= page.total:
            return found


def promote(client: SupervisorClient, body: ArticleCreate) -> ArticlePublic:
    """An article from the visit's resolution (what `body` gives replaces that part)."""
    response = client.request("POST", "/articles", body=body.model_dump_json(exclude_none=True))
    return client.server.parse(ArticlePublic, response)


def update_article(
    client: SupervisorClient, article_id: str, change: ArticleUpdate
) -> ArticlePublic:
    response = client.request(
        "PATCH", f"/articles/{quote(article_id)}", body=change.model_dump_json(exclude_none=True)
    )
    return client.server.parse(ArticlePublic, response)


def retire_article(client: SupervisorClient, article_id: str, *, retired: bool) -> ArticlePublic:
    """Retire the article (laptops drop it at their next sync), or put it back."""
    action = "retire" if retired else "restore"
    response = client.request("POST", f"/articles/{quote(article_id)}/{action}")
    return client.server.parse(ArticlePublic, response)


def known_fixes(client: SupervisorClient) -> list[KnownFixPublic]:
    return _KNOWN_FIXES.validate_json(client.request("GET", "/incidents/known-fixes").content)


def set_known_fix(client: SupervisorClient, incident_ref: str, text: str) -> None:
    """Set the incident's known fix; empty text clears it."""
    client.request(
        "PUT",
        f"/incidents/{quote(incident_ref, safe='')}/known-fix",
        body=KnownFixIn(known_fix=text).model_dump_json(),
    )
