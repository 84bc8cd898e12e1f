"""Access matrix: every supervisor endpoint refuses technicians (403) and anonymous callers
(401), answers supervisors, and validates its pagination (limit capped by max_page)."""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.domain.priority import DEFAULT_MATRIX
from fieldapp.server.app import create_app
from tests.server.helpers import T0, Live, cheap_settings, create_visit

# (method, path, json body or None, params); {visit} is a real visit's id.
ENDPOINTS: list[tuple[str, str, Any, dict[str, Any]]] = [
    ("GET", "/board", None, {}),
    ("GET", "/technicians", None, {}),
    ("GET", "/metrics", None, {}),
    ("GET", "/metrics/daily", None, {}),
    ("GET", "/follow-ups", None, {}),
    ("POST", "/follow-ups/1/close", {"note": "Called the customer back."}, {}),
    ("GET", "/conflicts", None, {}),
    ("POST", "/conflicts/1/resolve", {"resolution": "dismiss", "note": "x"}, {}),
    (
        "POST",
        "/dispatch/preview",
        {
            "visit_id": "{visit}",
            "assignee": "nobody",
            "window_start": T0.isoformat(),
            "window_end": T0.replace(hour=10).isoformat(),
        },
        {},
    ),
    ("POST", "/visits/import", None, {}),
    ("GET", "/visits/{visit}/timeline", None, {}),
    ("GET", "/visits/{visit}/service-report", None, {}),
    ("GET", "/export/visits.csv", None, {}),
    ("GET", "/export/metrics.csv", None, {}),
    ("GET", "/metrics/categories", None, {}),
    ("GET", "/mail", None, {}),
    ("GET", "/visits/{visit}/assistants", None, {}),
    ("POST", "/visits/{visit}/assistants", {"username": "nobody"}, {}),
    ("DELETE", "/visits/{visit}/assistants/nobody", None, {}),
    ("GET", "/equipment-out", None, {}),
    ("PUT", "/priority-matrix", {"cells": DEFAULT_MATRIX}, {}),  # the same: nothing changes
    ("POST", "/assets/import", None, {}),
    ("GET", "/assets", None, {}),
    ("POST", "/articles", {"visit_id": "{visit}"}, {}),  # not resolved: refused, not forbidden
    ("GET", "/articles", None, {}),
    ("GET", "/articles/1", None, {}),
    ("PATCH", "/articles/1", {"title": "Printer driver"}, {}),
    ("POST", "/articles/1/retire", None, {}),
    ("POST", "/articles/1/restore", None, {}),
    ("GET", "/incidents/known-fixes", None, {}),
    ("PUT", "/incidents/INC-1/known-fix", {"text": "Reseat the dock."}, {}),
    ("GET", "/time-requests", None, {}),
    ("POST", "/visits/{visit}/time-request", {}, {}),
]
PAGINATED = [
    "/board",
    "/technicians",
    "/metrics",
    "/metrics/daily",
    "/follow-ups",
    "/conflicts",
    "/visits/{visit}/timeline",
    "/mail",
    "/equipment-out",
    "/assets",
    "/articles",
]


def _call(
    client: Any, method: str, path: str, body: Any, params: dict[str, Any], *, visit: str
) -> Any:
    path = path.format(visit=visit)
    if path == "/visits/import":
        data = "reference,customer_name,window_start,window_end\n"
        return client.request(
            method, path, data=data.encode(), headers={"Content-Type": "text/csv"}
        )
    if isinstance(body, dict):
        body = {k: (v.format(visit=visit) if isinstance(v, str) else v) for k, v in body.items()}
    return client.request(method, path, json=body, params=params)


def test_every_supervisor_route_is_in_the_matrix(tmp_path: Any) -> None:
    app = create_app(cheap_settings(tmp_path, f"sqlite:///{tmp_path / 's.sqlite3'}"))
    app.state.engine.dispose()
    tagged = {
        (method.upper(), path.removeprefix("/api/v1"))
        for path, operations in app.openapi()["paths"].items()
        for method, operation in operations.items()
        if "supervisors" in operation.get("tags", ())
    }
    listed = {(method, path.replace("{visit}", "{visit_id}")) for method, path, _, _ in ENDPOINTS}
    listed = {
        (
            m,
            p.replace("/1/close", "/{item_id}/close")
            .replace("/1/resolve", "/{conflict_id}/resolve")
            .replace("/assistants/nobody", "/assistants/{username}")
            .replace("/articles/1", "/articles/{article_id}")
            .replace("/incidents/INC-1/", "/incidents/{incident_ref}/"),
        )
        for m, p in listed
    }
    assert tagged == listed


@pytest.mark.parametrize(("method", "path", "body", "params"), ENDPOINTS)
def test_technicians_get_403_and_anonymous_401(
    live: Live, method: str, path: str, body: Any, params: dict[str, Any]
) -> None:
    supervisor = live.supervisor()
    tech = live.technician()
    visit = create_visit(supervisor, tech.username)

    refused = _call(tech, method, path, body, params, visit=visit)
    anonymous = _call(live.anonymous(), method, path, body, params, visit=visit)
    answered = _call(supervisor, method, path, body, params, visit=visit)

    assert refused.status_code == 403, refused.text
    assert refused.json()["error"] == "forbidden"
    assert anonymous.status_code == 401, anonymous.text
    assert anonymous.json()["error"] == "not_authenticated"
    assert answered.status_code not in (401, 403), answered.text


@pytest.mark.parametrize("path", PAGINATED)
def test_pagination_is_validated_and_capped(live: Live, path: str) -> None:
    supervisor = live.supervisor()
    visit = create_visit(supervisor, live.technician().username)
    url = path.format(visit=visit)

    capped = supervisor.get(url, params={"limit": 10**9})
    zero = supervisor.get(url, params={"limit": 0})
    negative = supervisor.get(url, params={"offset": -1})
    default = supervisor.get(url)

    assert capped.status_code == 200, capped.text
    assert capped.json()["limit"] == live.settings.max_page
    assert default.json()["limit"] == live.settings.max_page
    assert (zero.status_code, negative.status_code) == (422, 422)
    assert zero.json()["error"] == "invalid_request"


def test_a_backwards_or_too_long_range_is_refused(live: Live) -> None:
    supervisor = live.supervisor()

    backwards = supervisor.get(
        "/board", params={"date_from": "2030-03-12", "date_to": "2030-03-11"}
    )
    too_long = supervisor.get(
        "/metrics", params={"date_from": "2030-01-01", "date_to": "2031-06-01"}
    )
    not_a_date = supervisor.get("/metrics/daily", params={"date_from": "yesterday"})

    assert backwards.status_code == 422
    assert backwards.json()["error"] == "invalid_range"
    assert too_long.json()["error"] == "invalid_range"
    assert not_a_date.status_code == 422


def test_technicians_see_only_their_own_conflicts(live: Live) -> None:
    tech = live.technician()

    mine = tech.get("/sync/conflicts")
    by_supervisor = live.supervisor().get("/sync/conflicts")

    assert mine.status_code == 200
    assert mine.json()["conflicts"] == []
    assert by_supervisor.status_code == 403
