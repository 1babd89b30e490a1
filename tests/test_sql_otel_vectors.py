"""OpenTelemetry's published SQL test vectors for db.query.text sanitization and db.query.summary.

tests/data/db-sql-test-cases.json is an unmodified copy of
docs/non-normative/database-test-cases/db-sql-test-cases.json from
https://github.com/open-telemetry/semantic-conventions (file last changed by commit 41bee64b, PR #1923,
"Add test cases for DB query parsing and sanitization"; copied from main at 384d6616). Apache-2.0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from botanu_data.sql import analyze

_CASES = json.loads((Path(__file__).parent / "data" / "db-sql-test-cases.json").read_text("utf-8"))


def test_all_published_vectors_are_present() -> None:
    assert len(_CASES) == 24


@pytest.mark.parametrize("case", _CASES, ids=[c["name"] for c in _CASES])
def test_otel_vector(case: dict) -> None:
    info = analyze(case["input"]["query"])
    expected = case["expected"]
    assert info.sanitized in expected["db.query.text"]
    assert info.summary == expected["db.query.summary"]
