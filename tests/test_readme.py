"""Issue 14, part 4: the README names what the code really has (test variables, exported API, behaviours)."""

from __future__ import annotations

import re
from pathlib import Path

import _services

import botanu_data

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_test_service_variable_is_named_as_the_fixtures_read_it() -> None:
    variables = {service.env for service in _services.SERVICES.values()} | {_services.S3_ENV}
    missing = sorted(name for name in variables if f"`{name}`" not in README)
    assert not missing, f"README does not name {missing}"
    # no made-up pattern standing in for the real names
    assert "BOTANU_TEST_<" not in README


def test_every_exported_name_is_documented() -> None:
    """Each name of ``botanu_data.__all__`` is in the README as inline code or called in an example."""
    def documented(name: str) -> bool:
        word = re.escape(name)
        return bool(re.search(rf"`{word}[`(.]|\b{word}\(", README))

    undocumented = [name for name in botanu_data.__all__ if name != "__version__" and not documented(name)]
    assert not undocumented, f"README does not document {undocumented}"


def test_set_bytes_scanned_is_said_to_record_bytes_read_too() -> None:
    sentence = next((s for s in re.split(r"(?<=\.)\s", README) if "`set_bytes_scanned(n)` records" in s), "")
    assert "bytes_read" in sentence, "README does not say set_bytes_scanned also records bytes_read"


def test_the_otel_rows_attribute_is_listed() -> None:
    assert "`db.response.returned_rows`" in README
