"""instrument_sqlalchemy(): every engine of the process, however it was made. Each case runs in its own
interpreter (tests/subprocess_scenario.py) against real SQLite files and the real PostgreSQL through psycopg and
asyncpg, and asserts on the spans and counters that process exported (the last test, in this process, only
breaks the switch on purpose)."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy
from conftest import Telemetry
from sqlalchemy import text
from subprocess_scenario import botanu_span_names, problems, run_scenario

from botanu_data import instrument_sqlalchemy, sqlalchemy_global, uninstrument_sqlalchemy


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'app.db'}"
    return request.getfixturevalue("postgres_url")


def _async_url(url: str) -> str:
    if url.startswith("sqlite"):
        return url.replace("sqlite:", "sqlite+aiosqlite:", 1)
    return "postgresql+asyncpg" + url[url.index("://"):]


def _run(tmp_path: Path, url: str, body: str, **kwargs: Any) -> dict[str, Any]:
    return run_scenario(tmp_path, body, env={"SCENARIO_URL": url}, **kwargs)


# How each case makes its engine (imports, then the engine expression); the switch is turned on in between.
MAKERS = {
    "import_before": ("from sqlalchemy import create_engine", "", "create_engine(url)"),
    "import_after": ("", "from sqlalchemy import create_engine", "create_engine(url)"),
    "engine_module": ("import sqlalchemy.engine", "", "sqlalchemy.engine.create_engine(url)"),
    "engine_from_config": ("from sqlalchemy import engine_from_config", "",
                           'engine_from_config({"db.url": url, "db.echo": "false"}, prefix="db.")'),
}
FIRST_STATEMENT = '''
import os
{imports_before}
import botanu_data

botanu_data.instrument_sqlalchemy()
{imports_after}
from sqlalchemy import text

url = os.environ["SCENARIO_URL"]
engine = {engine}
with engine.connect() as conn:  # the engine's first Connection runs one statement: it is traced
    conn.execute(text("SELECT 1"))
report()
'''


@pytest.mark.parametrize("case", sorted(MAKERS))
def test_every_way_of_making_an_engine_is_traced_from_its_first_statement(
    case: str, db_url: str, tmp_path: Path,
) -> None:
    imports_before, imports_after, engine = MAKERS[case]
    body = FIRST_STATEMENT.format(imports_before=imports_before, imports_after=imports_after, engine=engine)
    report = _run(tmp_path, db_url, body)
    assert botanu_span_names(report) == ["SELECT", "ROLLBACK"]  # a Connection closed without commit rolls back
    assert report["counted"] == 2
    assert problems(report) == []


def test_create_async_engine_is_traced(db_url: str, tmp_path: Path) -> None:
    report = _run(tmp_path, _async_url(db_url), '''
import asyncio, os
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
import botanu_data

botanu_data.instrument_sqlalchemy()


async def main():
    engine = create_async_engine(os.environ["SCENARIO_URL"])
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))
        await conn.commit()
    await engine.dispose()

asyncio.run(main())
report()
''')
    assert botanu_span_names(report) == ["SELECT", "COMMIT"]
    assert problems(report) == []


def test_an_engine_made_and_used_before_the_call_is_traced_from_its_next_connection(
    db_url: str, tmp_path: Path,
) -> None:
    report = _run(tmp_path, db_url, '''
import os
from sqlalchemy import create_engine, text
import botanu_data

engine = create_engine(os.environ["SCENARIO_URL"])
with engine.connect() as conn:
    conn.execute(text("SELECT 1"))           # before the switch: not traced; its DBAPI connection stays pooled
botanu_data.instrument_sqlalchemy()
with engine.connect() as conn:
    conn.execute(text("SELECT 2"))
report(instrumented=botanu_data.engine.is_instrumented(engine))
''')
    assert botanu_span_names(report) == ["SELECT", "ROLLBACK"]
    assert report["counted"] == 2
    assert report["instrumented"] is True


def test_a_connection_open_at_the_call_is_traced_once_its_engine_connects_again(tmp_path: Path) -> None:
    report = _run(tmp_path, f"sqlite:///{tmp_path / 'app.db'}", '''
import os
from sqlalchemy import create_engine, text
import botanu_data

engine = create_engine(os.environ["SCENARIO_URL"])
held = engine.connect()
botanu_data.instrument_sqlalchemy()
held.execute(text("SELECT 1"))               # no Connection of this engine opened since the call: not traced
with engine.connect() as other:
    other.execute(text("SELECT 2"))
held.execute(text("SELECT 3"))               # joined to the engine's events, which now include ours
held.close()
report()
''')
    assert botanu_span_names(report) == ["SELECT", "ROLLBACK", "SELECT", "ROLLBACK"]  # SELECT 2, SELECT 3
    assert report["counted"] == 4


def test_sql_run_by_other_engine_connect_listeners_is_traced(tmp_path: Path) -> None:
    report = _run(tmp_path, f"sqlite:///{tmp_path / 'app.db'}", '''
import os
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
import botanu_data


def every_engine(conn):        # an application's class-level listener, registered before the switch
    conn.exec_driver_sql("SELECT 'class'")


event.listen(Engine, "engine_connect", every_engine)
botanu_data.instrument_sqlalchemy(capture_statement=True, trace_transactions=False)
engine = create_engine(os.environ["SCENARIO_URL"])


@event.listens_for(engine, "engine_connect")
def this_engine(conn):
    conn.exec_driver_sql("SELECT 'engine'")


def after_the_switch(conn):
    conn.exec_driver_sql("SELECT 'later'")


event.listen(Engine, "engine_connect", after_the_switch)
for _ in range(2):
    with engine.connect() as conn:
        conn.execute(text("SELECT 'statement'"))
report()
''')
    texts = [span["attributes"]["db.query.text"] for span in report["spans"]]
    # the application's class-level listener added before the switch runs ahead of it: on the engine's first
    # Connection its SQL comes before the engine is instrumented (SQLAlchemy ignores insert=True here)
    assert texts == ["SELECT ?"] * 3 + ["SELECT ?"] * 4
    assert report["counted"] == 7


GREENLET_HIDDEN = '''
import sys


class _NoGreenlet:
    """As on SQLAlchemy 2.1 installed without its asyncio extra: greenlet cannot be imported."""

    def find_spec(self, name, path=None, target=None):
        if name == "greenlet" or name.startswith("greenlet."):
            raise ImportError("No module named 'greenlet' (hidden by the test)")
        return None


sys.meta_path.insert(0, _NoGreenlet())
sys.modules.pop("greenlet", None)
'''


def test_without_greenlet_sync_engines_are_traced(db_url: str, tmp_path: Path) -> None:
    report = _run(tmp_path, db_url, '''
import os
from sqlalchemy import create_engine, text
import botanu_data

try:
    import sqlalchemy.ext.asyncio
    asyncio_importable = True
except ImportError:
    asyncio_importable = False
botanu_data.instrument_sqlalchemy()
engine = create_engine(os.environ["SCENARIO_URL"])
with engine.begin() as conn:
    conn.execute(text("SELECT 1"))
report(asyncio_importable=asyncio_importable, greenlet_loaded="greenlet" in sys.modules)
''', before=GREENLET_HIDDEN)
    assert report["asyncio_importable"] is False and report["greenlet_loaded"] is False  # the blocker works
    assert botanu_span_names(report) == ["SELECT", "COMMIT"]
    assert problems(report) == []


def test_mock_engines_are_skipped_quietly(tmp_path: Path) -> None:
    report = _run(tmp_path, f"sqlite:///{tmp_path / 'app.db'}", '''
import os, warnings
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, create_mock_engine, text
import botanu_data

botanu_data.instrument_sqlalchemy()
emitted = []
metadata = MetaData()
Table("t", metadata, Column("id", Integer, primary_key=True))
mock = create_mock_engine("sqlite://", lambda sql, *multiparams, **params: emitted.append(str(sql)))
metadata.create_all(mock, checkfirst=False)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # strategy="mock" is deprecated, but still accepted
    legacy = create_engine("sqlite://", strategy="mock",
                           executor=lambda sql, *multiparams, **params: emitted.append(str(sql)))
metadata.create_all(legacy, checkfirst=False)
engine = create_engine(os.environ["SCENARIO_URL"])
with engine.connect() as conn:
    conn.execute(text("SELECT 1"))
report(emitted=len(emitted))
''')
    assert report["emitted"] == 2  # both mock engines ran
    assert botanu_span_names(report) == ["SELECT", "ROLLBACK"]
    assert [record for record in report["logs"] if record["logger"].startswith("botanu_data")] == []
    assert problems(report) == []


def test_uninstrument_removes_everything_and_both_calls_are_harmless_twice(db_url: str, tmp_path: Path) -> None:
    report = _run(tmp_path, db_url, '''
import os
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
import botanu_data
from botanu_data import sqlalchemy_global
from botanu_data.engine import is_instrumented

url = os.environ["SCENARIO_URL"]
botanu_data.instrument_sqlalchemy(capture_statement=True)
botanu_data.instrument_sqlalchemy(capture_statement=True)
engine = create_engine(url)
with engine.connect() as conn:
    conn.execute(text("SELECT 1"))
spans_while_on = len(botanu_spans())
botanu_data.uninstrument_sqlalchemy()
botanu_data.uninstrument_sqlalchemy()
listener_left = event.contains(Engine, "engine_connect", sqlalchemy_global._on_engine_connect)
with engine.connect() as conn:
    conn.execute(text("SELECT 2"))
later = create_engine(url)
with later.connect() as conn:
    conn.execute(text("SELECT 3"))
report(spans_while_on=spans_while_on, listener_left=listener_left, engine_instrumented=is_instrumented(engine),
       later_instrumented=is_instrumented(later), class_flag=Engine._has_events)
''')
    assert report["spans_while_on"] == 2  # two instrument_sqlalchemy calls: one span per statement (+ ROLLBACK)
    assert report["spans"][0]["attributes"]["db.query.text"] == "SELECT ?"  # the options are used
    assert report["listener_left"] is False
    assert report["class_flag"] is False  # SQLAlchemy's class-level "has listeners" flag is cleared again
    assert report["engine_instrumented"] is False and report["later_instrumented"] is False
    assert botanu_span_names(report) == ["SELECT", "ROLLBACK"]  # nothing after uninstrument_sqlalchemy
    assert report["counted"] == 2
    assert problems(report) == []


def test_switch_on_again_after_off(tmp_path: Path) -> None:
    report = _run(tmp_path, f"sqlite:///{tmp_path / 'app.db'}", '''
import os
from sqlalchemy import create_engine, text
import botanu_data

engine = create_engine(os.environ["SCENARIO_URL"])
for _ in range(2):
    botanu_data.instrument_sqlalchemy()
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    botanu_data.uninstrument_sqlalchemy()
report()
''')
    assert botanu_span_names(report) == ["SELECT", "ROLLBACK"] * 2


def test_engines_the_application_instruments_keep_their_options_and_their_state(tmp_path: Path) -> None:
    report = _run(tmp_path, f"sqlite:///{tmp_path / 'app.db'}", '''
import os
from sqlalchemy import create_engine, text
import botanu_data

url = os.environ["SCENARIO_URL"]
own = botanu_data.instrument_engine(create_engine(url), capture_statement=True)
switched_off = create_engine(url)
botanu_data.instrument_sqlalchemy()
with own.connect() as conn:
    conn.execute(text("SELECT 1"))
with switched_off.connect() as conn:           # instrumented by the switch at this first Connection
    conn.execute(text("SELECT 2"))
botanu_data.uninstrument_engine(switched_off)  # the application turns it off: the switch leaves it off
with switched_off.connect() as conn:
    conn.execute(text("SELECT 3"))
botanu_data.uninstrument_sqlalchemy()
with own.connect() as conn:                    # not the switch's: still instrumented
    conn.execute(text("SELECT 4"))
report()
''')
    texts = [span["attributes"].get("db.query.text") for span in report["spans"] if span["name"] == "SELECT"]
    assert texts == ["SELECT ?", None, "SELECT ?"]


def test_option_engines_are_traced_once(tmp_path: Path) -> None:
    report = _run(tmp_path, f"sqlite:///{tmp_path / 'app.db'}", '''
import os
from sqlalchemy import create_engine, text
import botanu_data

botanu_data.instrument_sqlalchemy()
engine = create_engine(os.environ["SCENARIO_URL"])
with engine.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:  # first Connection: an OptionEngine's
    conn.execute(text("SELECT 1"))
with engine.connect() as conn:
    conn.execute(text("SELECT 2"))
report(instrumented=botanu_data.engine.is_instrumented(engine))
''')
    assert botanu_span_names(report) == ["SELECT", "ROLLBACK"] * 2
    assert report["counted"] == 4
    assert report["instrumented"] is True


def test_concurrent_first_connections_trace_every_statement(db_url: str, tmp_path: Path) -> None:
    report = _run(tmp_path, db_url, '''
import os, threading
from sqlalchemy import create_engine, text
import botanu_data

botanu_data.instrument_sqlalchemy(trace_transactions=False)
engine = create_engine(os.environ["SCENARIO_URL"], pool_size=8)
start = threading.Barrier(8)


def work():
    start.wait()
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))

threads = [threading.Thread(target=work) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
report()
''')
    assert botanu_span_names(report) == ["SELECT"] * 8
    assert report["counted"] == 8


@pytest.mark.skipif(importlib.util.find_spec("sqlmodel") is None, reason="sqlmodel is not installed")
def test_sqlmodel_engine_is_traced(db_url: str, tmp_path: Path) -> None:
    report = _run(tmp_path, db_url, '''
import os, uuid
from sqlmodel import Field, Session, SQLModel, create_engine, select
import botanu_data

botanu_data.instrument_sqlalchemy()


class Hero(SQLModel, table=True):
    __tablename__ = "hero_" + uuid.uuid4().hex[:12]
    id: int | None = Field(default=None, primary_key=True)
    name: str


engine = create_engine(os.environ["SCENARIO_URL"])
SQLModel.metadata.create_all(engine)
try:
    with Session(engine) as session:
        session.add(Hero(name="Deadpond"))
        session.commit()
        heroes = session.exec(select(Hero)).all()
finally:
    SQLModel.metadata.drop_all(engine)
report(table=Hero.__tablename__, heroes=len(heroes))
''')
    table = report["table"]
    names = botanu_span_names(report)
    assert report["heroes"] == 1
    assert f"CREATE TABLE {table}" in names and f"INSERT {table}" in names and f"SELECT {table}" in names
    assert problems(report) == []


@pytest.mark.skipif(importlib.util.find_spec("flask_sqlalchemy") is None, reason="flask-sqlalchemy is not installed")
def test_flask_sqlalchemy_engine_is_traced(db_url: str, tmp_path: Path) -> None:
    report = _run(tmp_path, db_url, '''
import os
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import text
import botanu_data

botanu_data.instrument_sqlalchemy()
app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["SCENARIO_URL"]
db = SQLAlchemy(app)


@app.get("/")
def index():
    return str(db.session.execute(text("SELECT 1")).scalar())

client = app.test_client()
bodies = [client.get("/").get_data(as_text=True) for _ in range(2)]
report(bodies=bodies)
''')
    assert report["bodies"] == ["1", "1"]
    assert botanu_span_names(report) == ["SELECT", "ROLLBACK"] * 2  # the ROLLBACK: Flask-SQLAlchemy's session removal
    assert report["counted"] == 4
    assert problems(report) == []


def test_opentelemetry_contrib_on_the_same_engines_gets_one_warning_and_nothing_counted_twice(
    tmp_path: Path,
) -> None:
    pytest.importorskip("opentelemetry.instrumentation.sqlalchemy")
    report = _run(tmp_path, f"sqlite:///{tmp_path / 'app.db'}", '''
import os
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
import sqlalchemy
from sqlalchemy import text
import botanu_data

SQLAlchemyInstrumentor().instrument(skip_dep_check=True)  # wraps create_engine, as opentelemetry-instrument does
botanu_data.instrument_sqlalchemy(trace_transactions=False)
engines = [sqlalchemy.create_engine(os.environ["SCENARIO_URL"]) for _ in range(2)]
for engine in engines:
    for _ in range(3):
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
report()
''')
    botanu = botanu_span_names(report)
    contrib = [span for span in report["spans"]
               if span["scope"].startswith("opentelemetry.instrumentation.sqlalchemy") and span["name"] != "connect"]
    assert botanu == ["SELECT"] * 6 and len(contrib) == 6  # both traced each statement once
    assert report["counted"] == 6  # botanu's counters count its own operations only
    warnings = [record["message"] for record in report["logs"] if "opentelemetry-instrumentation-sqlalchemy" in
                record["message"]]
    assert len(warnings) == 1  # one warning per process, not per engine or statement
    assert "OTEL_PYTHON_DISABLED_INSTRUMENTATIONS=sqlalchemy" in warnings[0]


def test_a_fault_in_the_switch_never_reaches_the_application(
    otel: Telemetry, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path,
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("telemetry bug")

    monkeypatch.setattr(sqlalchemy_global, "is_instrumented", broken)
    engine = sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'app.db'}")
    instrument_sqlalchemy()
    try:
        with caplog.at_level(logging.DEBUG, logger="botanu_data"), engine.connect() as conn:
            assert conn.execute(text("SELECT 42")).scalar() == 42  # the application carries on, uninstrumented
        assert "internal fault in instrument_sqlalchemy" in caplog.text
        assert otel.spans() == []
    finally:
        uninstrument_sqlalchemy()
        engine.dispose()
