"""The OpenAPI document lists each operation's error answers, found from what the route
depends on; a 405 names every method the address accepts."""

from __future__ import annotations

from pathlib import Path

from fieldapp.protocol import API_PREFIX, ErrorBody, WireModel
from fieldapp.server.app import create_app
from fieldapp.server.security import CurrentUser, Supervisor
from tests.server.helpers import Live, cheap_settings, create_visit


class Thing(WireModel):
    name: str


def test_a_new_endpoint_documents_the_errors_its_dependencies_give(tmp_path: Path) -> None:
    app = create_app(cheap_settings(tmp_path, f"sqlite:///{tmp_path / 'doc.sqlite3'}"))
    assert f"{API_PREFIX}/thing" not in app.openapi()["paths"]  # made before the new routes

    def rename_thing(thing_id: int, body: Thing, _user: Supervisor) -> Thing:
        return body

    def read_thing(_user: CurrentUser) -> Thing:
        return Thing(name="x")

    app.router.add_api_route(f"{API_PREFIX}/things/{{thing_id}}", rename_thing, methods=["PUT"])
    app.router.add_api_route(f"{API_PREFIX}/thing", read_thing, methods=["GET"])
    document = app.openapi()

    rename = document["paths"][f"{API_PREFIX}/things/{{thing_id}}"]["put"]["responses"]
    read = document["paths"][f"{API_PREFIX}/thing"]["get"]["responses"]
    info = document["paths"][f"{API_PREFIX}/info"]["get"]["responses"]
    assert set(rename) == {
        "200",
        "400",
        "401",
        "403",
        "404",
        "408",
        "409",
        "413",
        "422",
        "426",
        "503",
    }
    assert set(read) == {"200", "401", "422", "426", "503"}
    assert set(info) == {"200", "422"}
    error_ref = {"$ref": "#/components/schemas/ErrorBody"}
    for status, answer in [*rename.items(), *read.items()]:
        if status != "200":
            assert answer["content"]["application/json"]["schema"] == error_ref, status
            assert answer["description"]
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas  # FastAPI's 422 body is never sent
    assert schemas["ErrorBody"]["required"] == list(ErrorBody.model_json_schema()["required"])


def test_an_answer_a_decorator_documents_keeps_its_words(tmp_path: Path) -> None:
    app = create_app(cheap_settings(tmp_path, f"sqlite:///{tmp_path / 'doc.sqlite3'}"))

    resolve = app.openapi()["paths"][f"{API_PREFIX}/conflicts/{{conflict_id}}/resolve"]["post"]

    assert resolve["responses"]["404"]["description"] == "No such conflict."
    assert resolve["responses"]["403"]["description"] == "Only supervisors."


def test_a_405_names_every_method_of_the_address(live: Live) -> None:
    supervisor = live.supervisor()
    visit_id = create_visit(supervisor)

    answers = {
        "/visits": supervisor.request("OPTIONS", "/visits"),
        f"/visits/{visit_id}": supervisor.request("DELETE", f"/visits/{visit_id}"),
        "/visits/import": supervisor.request("PUT", "/visits/import"),
        "/attachments/{sha256}": supervisor.request("DELETE", f"/attachments/{'0' * 64}"),
    }

    assert {path: answer.status_code for path, answer in answers.items()} == dict.fromkeys(
        answers, 405
    )
    assert {path: answer.headers["allow"] for path, answer in answers.items()} == {
        "/visits": "GET, POST",
        f"/visits/{visit_id}": "GET, PATCH",
        "/visits/import": "POST",
        "/attachments/{sha256}": "GET, PUT",
    }
