"""The BOTANU_DATA_* option table: names, parsing, defaults, and bad values dropped with a warning."""

from __future__ import annotations

import inspect
import logging
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from botanu_data import instrument_engine, instrument_sqlalchemy, sqlalchemy_global, uninstrument_sqlalchemy
from botanu_data import values as values_module
from botanu_data.settings import (
    INSTRUMENTOR_OPTIONS,
    OPTIONS,
    engine_list,
    engine_options_from,
    engine_options_from_environment,
    instrumentor_options_from_environment,
)


@pytest.fixture(autouse=True)
def warnings_fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(values_module, "_warned", set())  # each warning is logged once per process


def test_words_and_typed_values_become_instrument_engine_keywords() -> None:
    assert engine_options_from({
        "BOTANU_DATA_CAPTURE_STATEMENT": " YES ", "BOTANU_DATA_TRACE_TRANSACTIONS": "off",
        "BOTANU_DATA_DURATION_HISTOGRAM": True, "UNRELATED": "x",
    }) == {"capture_statement": True, "trace_transactions": False, "duration_histogram": True}
    assert engine_options_from({"BOTANU_DATA_CAPTURE_STATEMENT": "0", "BOTANU_DATA_TRACE_TRANSACTIONS": "1"}) == {
        "capture_statement": False, "trace_transactions": True}


def test_absent_and_empty_names_leave_the_defaults() -> None:
    assert engine_options_from({}) == {}
    assert engine_options_from({"BOTANU_DATA_CAPTURE_STATEMENT": ""}) == {}


@pytest.mark.parametrize("bad", ["maybe", "2", 1, None.__class__])
def test_a_bad_value_is_dropped_with_a_warning_naming_it(bad: object, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="botanu_data"):
        options = engine_options_from({"BOTANU_DATA_CAPTURE_STATEMENT": bad, "BOTANU_DATA_TRACE_TRANSACTIONS": "no"},
                                      source="app.config")
    assert options == {"trace_transactions": False}  # the good one is kept
    assert "app.config(BOTANU_DATA_CAPTURE_STATEMENT=" in caplog.text and repr(bad)[:20] in caplog.text


def test_a_mapping_that_fails_is_treated_as_naming_nothing() -> None:
    class Broken(dict):
        def get(self, *args: object) -> object:
            raise RuntimeError("config backend down")

    assert engine_options_from(Broken()) == {}


def test_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOTANU_DATA_CAPTURE_STATEMENT", "true")
    assert engine_options_from_environment() == {"capture_statement": True}


def test_the_table_names_real_keywords_with_their_real_defaults() -> None:
    parameters = inspect.signature(instrument_engine).parameters
    for option in OPTIONS:
        assert option.name.startswith("BOTANU_DATA_")
        assert parameters[option.keyword].default == option.default


def test_instrument_sqlalchemy_takes_every_keyword_of_the_table(caplog: pytest.LogCaptureFixture) -> None:
    try:
        with caplog.at_level(logging.WARNING, logger="botanu_data"):
            instrument_sqlalchemy(**{option.keyword: option.default for option in OPTIONS}, colour="blue")
        assert set(sqlalchemy_global._options) >= {option.keyword for option in OPTIONS}
        assert "colour" not in sqlalchemy_global._options
        assert "instrument_sqlalchemy(colour='blue') dropped" in caplog.text
    finally:
        uninstrument_sqlalchemy()


def test_the_instrumentors_own_options_are_read_apart_from_the_engines(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("BOTANU_DATA_BOTO3", "off")
    assert instrumentor_options_from_environment() == {"boto3": False}
    assert "boto3" not in engine_options_from_environment()  # never an instrument_engine keyword
    monkeypatch.setenv("BOTANU_DATA_BOTO3", "later")
    with caplog.at_level(logging.WARNING, logger="botanu_data"):
        assert instrumentor_options_from_environment() == {}
    assert "environment(BOTANU_DATA_BOTO3='later')" in caplog.text
    assert [(option.name, option.keyword, option.default) for option in INSTRUMENTOR_OPTIONS] == [
        ("BOTANU_DATA_BOTO3", "boto3", True)]


def test_the_readme_table_lists_every_option() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    for option in (*OPTIONS, *INSTRUMENTOR_OPTIONS):
        assert f"| `{option.name}` | `{option.keyword}`" in readme


def test_engine_list_keeps_engines_and_drops_anything_else_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    engine = create_engine("sqlite://")
    async_like = type("AsyncEngineLike", (), {"sync_engine": engine})()
    assert engine_list(None, "api") == []
    assert engine_list(engine, "api") == [engine]
    assert engine_list(async_like, "api") == [async_like]
    assert engine_list((engine, async_like), "api") == [engine, async_like]
    with caplog.at_level(logging.WARNING, logger="botanu_data"):
        assert engine_list("sqlite://", "api") == []  # a URL is not a list of engines (nor one)
        assert engine_list([engine, "sqlite://"], "other") == [engine]
    assert "api(engines='sqlite://') dropped" in caplog.text
    assert "other(engines=" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
