"""End to end with real processes: the intake rules. A supervisor changes the priority matrix
and marks a visit VIP; the laptop's sync brings the worked-out priorities and the VIP badge's
flag down; the technician, offline, asks how long and to be shown the problem at each
diagnosis and adds to what a user already tried; after the sync the supervisor reads each
figure."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import requests

from fieldapp.domain.priority import DEFAULT_MATRIX
from tests.e2e.round_kit import (
    ARRIVED,
    ROOT,
    record_offline,
    run_cli,
    start_round,
    supervisor_day,
    supervisor_headers,
)

GRANTED = ("permission_granted", {"granted_by": "The user", "explanation": "Fix it",
                                  "expected_minutes": 20})  # fmt: skip

READ_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from fieldapp.paths import resolve_paths
    from fieldapp.store import get_visit
    from fieldapp.sync import TokenStore
    from fieldapp.sync.vault import open_private_store

    paths = resolve_paths(sys.argv[1]).ensure()
    store = open_private_store(paths, TokenStore())
    with store.read_session() as session:
        visits = {i: get_visit(session, i).visit for i in json.loads(sys.argv[2])}
    print(json.dumps({i: [v.priority.value, v.vip, v.impact.value] for i, v in visits.items()}))
    store.dispose()
    """
)


def laptop_visits(data_dir: Path, ids: list[str]) -> dict[str, list[object]]:
    """Each visit's priority, VIP flag and impact as the laptop's cache holds them."""
    result = subprocess.run(
        [sys.executable, "-c", READ_SCRIPT, str(data_dir), json.dumps(ids)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    answer: dict[str, list[object]] = json.loads(result.stdout)
    return answer


def diagnosed(**answers: object) -> tuple[str, dict[str, object]]:
    return ("diagnosed", {"user_perspective": "It fails", "source_category": "software",
                          "findings": "Found it", **answers})  # fmt: skip


@pytest.mark.slow
def test_intake_rules_recorded_offline_reach_the_supervisor(tmp_path: Path) -> None:
    round_ = start_round(tmp_path)
    ids = round_.ids
    ada, ben, cleo = ids["INC-1000"], ids["INC-1001"], ids["INC-1002"]

    with round_.serve() as server:
        api, headers = f"{server.base_url}/api/v1", supervisor_headers(server.base_url)
        stricter = copy.deepcopy(DEFAULT_MATRIX)
        stricter["high"]["medium"] = "critical"
        changed = requests.put(
            f"{api}/priority-matrix", json={"cells": stricter}, headers=headers, timeout=10
        )
        assert changed.status_code == 200, changed.text
        for visit_id, change in ((ada, {"impact": "high"}), (ben, {"vip": True})):
            answer = requests.patch(
                f"{api}/visits/{visit_id}", json=change, headers=headers, timeout=10
            )
            assert answer.status_code == 200, answer.text
        typed = requests.patch(
            f"{api}/visits/{cleo}", json={"priority": "high"}, headers=headers, timeout=10
        )
        assert typed.status_code == 422
        assert typed.json()["error"] == "priority_worked_out"
        run_cli(*round_.sync_args)

    assert laptop_visits(round_.laptop_dir, [ada, ben, cleo]) == {
        ada: ["critical", False, "high"],  # high impact, medium urgency: the new matrix
        ben: ["critical", True, "medium"],  # the VIP override
        cleo: ["normal", False, "medium"],
    }

    # Offline: Ada tells what she tried and shows the fault; Ben cannot show it (it comes at
    # night); Cleo's diagnosis asks neither (as a laptop before 0.2.0 recorded it).
    record_offline(round_.laptop_dir, ada, [
        ARRIVED, ("already_tried_added", {"text": "Turned the printer off and on"}), GRANTED,
        diagnosed(problem_since="today", shown_by_user=True),
    ])  # fmt: skip
    record_offline(round_.laptop_dir, ben, [
        ARRIVED, GRANTED,
        diagnosed(problem_since="this_month", shown_by_user=False,
                  not_shown_reason="It only drops at night"),
    ])  # fmt: skip
    record_offline(round_.laptop_dir, cleo, [ARRIVED, GRANTED, diagnosed()])

    with round_.serve() as server:
        assert "pushed 10, duplicate 0, rejected 0" in run_cli(*round_.sync_args)
        report = supervisor_day(server.base_url, "metrics")

    [kyra] = report["technicians"]
    wanted = ("diagnosed", "asked_how_long", "asked_how_long_rate", "user_showed_problem",
              "user_showed_problem_rate", "already_tried_added", "vip_visits")  # fmt: skip
    expected = {
        "diagnosed": 3, "asked_how_long": 2, "asked_how_long_rate": 2 / 3,
        "user_showed_problem": 1, "user_showed_problem_rate": 1 / 3,
        "already_tried_added": 1, "vip_visits": 1,
    }  # fmt: skip
    assert {k: kyra["metrics"][k] for k in wanted} == pytest.approx(expected)
    assert {k: report["team"][k] for k in wanted} == pytest.approx(expected)
