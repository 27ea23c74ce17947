"""Property tests against the OpenAPI schema: no generated request makes the server fail.

Schemathesis generates requests from ``/api/openapi.json`` (values that fit the schema and
values that break it, for every filter) and they are sent to the app on its loopback port:
every answer must be below 500, and every answer that is not an export must be JSON.
(Schemathesis's own pytest fixture loader does not run under pytest 9, so the strategies it
builds for each operation are driven with Hypothesis directly.)
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from spotrep.serve import ServerThread


def _check(case: Any) -> None:
    response = case.call(timeout=10)
    assert response.status_code < 500, (case.as_curl_command(), response.text[:500])
    if "/api/export" not in case.path and response.status_code != 405:
        assert response.headers["content-type"][0].startswith("application/json")


def test_no_generated_request_is_a_server_error(server: ServerThread) -> None:
    api = schemathesis.openapi.from_url(f"{server.url}/api/openapi.json")
    tried = []
    for found in api.get_all_operations():
        operation = found.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)

            @given(case=strategy)
            @settings(max_examples=15, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            def run(case: Any) -> None:
                _check(case)

            try:
                run()
            except Unsatisfiable:
                if mode is GenerationMode.POSITIVE:
                    raise
                continue  # no parameter to break (``/api/config``)
            tried.append((operation.method, operation.path, mode.value))
    assert len({path for _, path, _ in tried}) >= 7
