"""The engine hooks key their per-statement preparation on the statement's shape and pass the engine's
dialect to the analysis: real SQLite, PostgreSQL and MariaDB through their drivers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy
from conftest import Telemetry
from sqlalchemy import text

from botanu_data import engine as engine_module
from botanu_data import instrument_engine, uninstrument_engine
from botanu_data.sql import analyze


@pytest.fixture
def sqlite_engine(tmp_path: Any, otel: Telemetry) -> Iterator[sqlalchemy.Engine]:
    eng = sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'shapes.db'}")
    with eng.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s VARCHAR(20))")
        conn.exec_driver_sql("INSERT INTO t VALUES (1, 2, 'a'), (2, 3, 'b')")
    instrument_engine(eng, capture_statement=True)
    otel.exporter.clear()
    yield eng
    uninstrument_engine(eng)
    eng.dispose()


def _hooks(engine: sqlalchemy.Engine) -> Any:
    return engine_module._instrumented[engine]


def test_statements_of_one_shape_share_their_preparation(sqlite_engine: sqlalchemy.Engine, otel: Telemetry) -> None:
    statements = [f"SELECT n, s FROM t WHERE id = {i} AND n >= {i * 7} AND s <> 'x{i}'" for i in range(5)]
    with sqlite_engine.connect() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement).all()
        conn.exec_driver_sql("SELECT id, s FROM t WHERE id = 1").all()  # another identifier: another shape
    hooks = _hooks(sqlite_engine)
    prepared = {id(hooks._prepared[s]) for s in statements}
    assert len(prepared) == 1
    assert hooks._prepared["SELECT id, s FROM t WHERE id = 1"] is not hooks._prepared[statements[0]]
    spans = [s for s in otel.spans() if s.attributes.get("db.operation") == "SELECT"]
    assert [s.attributes["db.query.text"] for s in spans] == (
        ["SELECT n, s FROM t WHERE id = ? AND n >= ? AND s <> ?"] * 5 + ["SELECT id, s FROM t WHERE id = ?"])
    assert all(s.attributes["db.query.text"] == analyze(st, "sqlite").sanitized
               for s, st in zip(spans, statements, strict=False))
    assert otel.total("botanu.data.operations", db__operation="SELECT", db__collection__name="t") == 6


def test_names_that_differ_in_a_digit_are_told_apart(sqlite_engine: sqlalchemy.Engine, otel: Telemetry) -> None:
    """``t1`` and ``t2`` have one candidate quick key (digits as ``0``), which does not hold: never stored,
    so the second table is not found as the first."""
    with sqlite_engine.begin() as conn:
        for name in ("t1", "t2"):
            conn.exec_driver_sql(f"CREATE TABLE {name} (id INTEGER)")
            conn.exec_driver_sql(f"SELECT id FROM {name} WHERE id = 1").all()
    assert not _hooks(sqlite_engine)._by_quick_key
    assert otel.total("botanu.data.operations", db__operation="SELECT", db__collection__name="t1") == 1
    assert otel.total("botanu.data.operations", db__operation="SELECT", db__collection__name="t2") == 1


def test_preparations_stay_bounded_and_counters_exact_under_new_shapes(
    sqlite_engine: sqlalchemy.Engine, otel: Telemetry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "_MAX_PREPARED", 16)
    hooks = _hooks(sqlite_engine)
    with sqlite_engine.connect() as conn:
        for i in range(200):
            conn.exec_driver_sql(f"SELECT n AS c{i} FROM t WHERE id = {i}").all()
            assert len(hooks._prepared) <= 16 and len(hooks._by_shape) <= 16
            # names without digits: new shapes that have quick keys too
            alias = "".join(chr(ord("a") + int(digit)) for digit in str(i))
            conn.exec_driver_sql(f"SELECT n AS {alias} FROM t WHERE id = {i} AND s <> 'x{i}'").all()
            assert 0 < len(hooks._by_quick_key) <= 16
    assert otel.total("botanu.data.operations", db__operation="SELECT", db__collection__name="t") == 400
    series = [a for a, _ in otel.points("botanu.data.operations") if a.get("db.collection.name") == "t"]
    assert len(series) == 1  # one counter series for all 200 shapes: their system, operation and table


def test_postgresql_array_slices_are_literals(postgres_url: str, otel: Telemetry) -> None:
    eng = sqlalchemy.create_engine(postgres_url)
    instrument_engine(eng, capture_statement=True)
    try:
        with eng.connect() as conn:
            assert conn.exec_driver_sql("SELECT (ARRAY[10,20,30])[2:3], 'C:\\', 'secret-1'").all()
    finally:
        uninstrument_engine(eng)
        eng.dispose()
    (span,) = [s for s in otel.spans() if s.attributes.get("db.operation") == "SELECT"]
    assert span.attributes["db.query.text"] == "SELECT (ARRAY[?,?,?])[?:?], ?, ?"


def test_mariadb_double_quoted_strings_are_literals(mariadb_url: str, otel: Telemetry) -> None:
    table = f"shapes_{uuid.uuid4().hex[:8]}"
    eng = sqlalchemy.create_engine(mariadb_url)
    instrument_engine(eng, capture_statement=True)
    try:
        with eng.begin() as conn:
            conn.exec_driver_sql(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, s VARCHAR(40))")
            conn.execute(text(f"INSERT INTO {table} VALUES (1, \"it's a secret\")"))
            assert conn.exec_driver_sql(f'SELECT s FROM {table} WHERE s = "it\'s a secret" # "x"').all()
            conn.exec_driver_sql(f"DROP TABLE {table}")
    finally:
        uninstrument_engine(eng)
        eng.dispose()
    texts = [s.attributes.get("db.query.text", "") for s in otel.spans()]
    assert f"INSERT INTO {table} VALUES (?, ?)" in texts
    assert f"SELECT s FROM {table} WHERE s = ? " in texts
    assert not any("secret" in t for t in texts)
