"""BotanuDataInstrumentor: ``opentelemetry-instrument`` run for real on a small script (console exporter), and the
instrumentor called in code, on real SQLite files and the real PostgreSQL."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy
from conftest import Telemetry
from sqlalchemy import text
from subprocess_scenario import botanu_span_names, hiding, run_scenario

import botanu_data
from botanu_data import sqlalchemy_global
from botanu_data.engine import is_instrumented

pytest.importorskip("opentelemetry.instrumentation")
from botanu_data.integrations.instrumentor import BotanuDataInstrumentor  # noqa: E402

APP = '''
import sys
from sqlalchemy import create_engine, text

engine = create_engine(sys.argv[1])
with engine.begin() as conn:
    conn.execute(text("SELECT 1 WHERE 2 = 2"))
'''


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'app.db'}"
    return request.getfixturevalue("postgres_url")


def _console_spans(stdout: str) -> list[dict[str, Any]]:
    """The console exporter prints each span as an indented JSON object, one after the other."""
    decoder = json.JSONDecoder()
    spans, index = [], 0
    while (start := stdout.find("{", index)) != -1:
        span, index = decoder.raw_decode(stdout, start)
        spans.append(span)
    return spans


def _code_under_test() -> str:
    """PYTHONPATH for the script: this checkout's botanu_data first (a relative PYTHONPATH, or an editable install
    of another checkout, would otherwise run other code in the script's directory)."""
    root = str(Path(botanu_data.__file__).resolve().parents[1])
    return os.pathsep.join([root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))])


def _opentelemetry_instrument(tmp_path: Path, url: str, *args: str, app: str = APP, **env: str
                              ) -> tuple[list[dict[str, Any]], str]:
    command = shutil.which("opentelemetry-instrument", path=os.path.dirname(sys.executable))
    if command is None:
        pytest.skip("opentelemetry-instrument is not installed (pip install -e '.[test]')")
    script = tmp_path / "app.py"
    script.write_text(app)
    result = subprocess.run(
        [command, sys.executable, str(script), url, *args], capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": _code_under_test(), "OTEL_TRACES_EXPORTER": "console",
             "OTEL_METRICS_EXPORTER": "none", "OTEL_LOGS_EXPORTER": "none", **env},
    )
    assert result.returncode == 0, result.stderr
    return _console_spans(result.stdout), result.stderr


def _botanu(spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [span for span in spans if "botanu.vendor" in span["attributes"]]


def test_opentelemetry_instrument_traces_an_app_with_no_code(db_url: str, tmp_path: Path) -> None:
    spans, stderr = _opentelemetry_instrument(tmp_path, db_url)
    system = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    assert [(span["name"], span["attributes"]["db.system"]) for span in _botanu(spans)] == [
        ("SELECT", system), ("COMMIT", system)]
    assert "db.query.text" not in _botanu(spans)[0]["attributes"]  # off by default
    assert "botanu_data" not in stderr


def test_environment_variables_configure_it_and_bad_values_are_named(tmp_path: Path) -> None:
    spans, stderr = _opentelemetry_instrument(
        tmp_path, f"sqlite:///{tmp_path / 'app.db'}", BOTANU_DATA_CAPTURE_STATEMENT="true",
        BOTANU_DATA_TRACE_TRANSACTIONS="false", BOTANU_DATA_DURATION_HISTOGRAM="sometimes",
    )
    ours = _botanu(spans)
    assert [span["name"] for span in ours] == ["SELECT"]  # no COMMIT span
    assert ours[0]["attributes"]["db.query.text"] == "SELECT ? WHERE ? = ?"
    assert "BOTANU_DATA_DURATION_HISTOGRAM='sometimes'" in stderr  # dropped, with a warning naming it


def test_disabled_instrumentations_turn_it_off(tmp_path: Path) -> None:
    spans, _ = _opentelemetry_instrument(
        tmp_path, f"sqlite:///{tmp_path / 'app.db'}", OTEL_PYTHON_DISABLED_INSTRUMENTATIONS="flask,botanu_data")
    assert _botanu(spans) == []
    # the same run without the variable traces: the test above; here, the entry point is really ours
    from importlib.metadata import entry_points

    ours = [ep for ep in entry_points(group="opentelemetry_instrumentor") if ep.name == "botanu_data"]
    assert [ep.load() for ep in ours] == [BotanuDataInstrumentor]


# -- in code ------------------------------------------------------------------------------------------------


@pytest.fixture
def instrumentor() -> Iterator[BotanuDataInstrumentor]:
    instrumentor = BotanuDataInstrumentor()
    yield instrumentor
    if instrumentor.is_instrumented_by_opentelemetry:
        instrumentor.uninstrument()


def _select(engine: Any) -> None:
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


def test_instrument_with_providers_engines_and_options_then_uninstrument(
    instrumentor: BotanuDataInstrumentor, otel: Telemetry, db_url: str,
) -> None:
    given = sqlalchemy.create_engine(db_url)
    held = given.connect()  # open before instrument(): given engines are instrumented at once
    try:
        assert instrumentor._check_dependency_conflicts() is None
        instrumentor.instrument(tracer_provider=otel.tracer_provider, meter_provider=otel.meter_provider,
                                engines=[given], capture_statement=True, trace_transactions=False)
        held.execute(text("SELECT 1"))
        other = sqlalchemy.create_engine(db_url)  # any other engine: at its first Connection
        _select(other)
        spans = otel.spans()
        assert [span.name for span in spans] == ["SELECT", "SELECT"]
        assert all(span.attributes["db.query.text"] == "SELECT ?" for span in spans)
        instrumentor.uninstrument()
        assert not is_instrumented(given) and not is_instrumented(other)
        otel.exporter.clear()
        held.execute(text("SELECT 1"))
        _select(other)
        _select(sqlalchemy.create_engine(db_url))
        assert otel.spans() == []
        other.dispose()
    finally:
        held.close()
        given.dispose()


def test_keywords_in_code_win_over_the_environment_and_unknown_ones_are_named(
    instrumentor: BotanuDataInstrumentor, otel: Telemetry, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture, tmp_path: Path,
) -> None:
    monkeypatch.setenv("BOTANU_DATA_CAPTURE_STATEMENT", "1")
    monkeypatch.setenv("BOTANU_DATA_TRACE_TRANSACTIONS", "0")
    engine = sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'app.db'}")
    with caplog.at_level(logging.WARNING, logger="botanu_data"):
        instrumentor.instrument(tracer_provider=otel.tracer_provider, meter_provider=otel.meter_provider,
                                engine=engine, capture_statement=False, enable_commenter=True)
    try:
        with engine.begin() as conn:
            conn.execute(text("SELECT 1"))
        assert [span.name for span in otel.spans()] == ["SELECT"]  # the environment's trace_transactions=False
        assert "db.query.text" not in otel.span("SELECT").attributes  # the code's capture_statement=False
        assert "enable_commenter=True" in caplog.text
    finally:
        instrumentor.uninstrument()
        engine.dispose()


def test_a_bad_engines_value_is_dropped_and_the_rest_still_works(
    instrumentor: BotanuDataInstrumentor, otel: Telemetry, caplog: pytest.LogCaptureFixture, tmp_path: Path,
) -> None:
    with caplog.at_level(logging.WARNING, logger="botanu_data"):
        instrumentor.instrument(tracer_provider=otel.tracer_provider, meter_provider=otel.meter_provider,
                                engines=42)
    engine = sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'app.db'}")
    try:
        _select(engine)
        assert "engines=42" in caplog.text
        assert [span.name for span in otel.spans()] == ["SELECT", "ROLLBACK"]
    finally:
        engine.dispose()


def test_contrib_sqlalchemy_on_a_given_engine_gets_one_warning_and_nothing_counted_twice(
    instrumentor: BotanuDataInstrumentor, otel: Telemetry, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    contrib_module = pytest.importorskip("opentelemetry.instrumentation.sqlalchemy")
    monkeypatch.setattr(sqlalchemy_global, "_contrib_warned", False)
    engine = sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'app.db'}")
    contrib = contrib_module.SQLAlchemyInstrumentor()
    contrib.instrument(engine=engine, tracer_provider=otel.tracer_provider, skip_dep_check=True)
    try:
        with caplog.at_level(logging.WARNING, logger="botanu_data"):
            instrumentor.instrument(tracer_provider=otel.tracer_provider, meter_provider=otel.meter_provider,
                                    engines=[engine], trace_transactions=False)
            for _ in range(3):
                _select(engine)
        ours = [span for span in otel.spans() if span.instrumentation_scope.name == "botanu_data"]
        theirs = [span for span in otel.spans() if span.instrumentation_scope.name != "botanu_data"
                  and span.name != "connect"]
        assert len(ours) == 3 and len(theirs) == 3
        operations = sum(value for _, value in otel.points("botanu.data.operations"))
        assert operations == 3
        warnings = [r for r in caplog.records if "opentelemetry-instrumentation-sqlalchemy" in r.getMessage()]
        assert len(warnings) == 1
    finally:
        contrib.uninstrument()
        engine.dispose()


def test_import_botanu_data_needs_no_optional_package(tmp_path: Path) -> None:
    report = run_scenario(tmp_path, '''
import botanu_data
from sqlalchemy import create_engine, text

botanu_data.instrument_sqlalchemy()
engine = create_engine("sqlite://")
with engine.connect() as conn:
    conn.execute(text("SELECT 1"))
try:
    import botanu_data.integrations.instrumentor
    instrumentor_error = None
except ImportError as error:
    instrumentor_error = str(error)
report(instrumentor_error=instrumentor_error)
''', before=hiding(("opentelemetry.instrumentation", "flask", "flask_sqlalchemy", "sqlmodel", "fastapi", "starlette",
                      "greenlet")))
    assert botanu_span_names(report) == ["SELECT", "ROLLBACK"]
    assert "opentelemetry.instrumentation" in report["instrumentor_error"]


# -- boto3, switched on with the rest ----------------------------------------------------------------------------

BOTO3_APP = '''
import sys
import boto3

sqs = boto3.client("sqs", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing",
                   aws_secret_access_key="testing")
url = sqs.create_queue(QueueName=sys.argv[2])["QueueUrl"]
sqs.send_message(QueueUrl=url, MessageBody="zero code")
'''


@pytest.fixture(scope="module")
def aws() -> Iterator[str]:
    pytest.importorskip("boto3")
    from _services import moto_server

    with moto_server() as url:
        yield url


@pytest.fixture
def boto3_restored() -> Iterator[Any]:
    """botocore's table of handlers for new sessions and boto3's default session, left as they were."""
    boto3 = pytest.importorskip("boto3")
    from botocore import handlers

    table, default = list(handlers.BUILTIN_HANDLERS), boto3.DEFAULT_SESSION
    try:
        yield boto3
    finally:
        from botanu_data.integrations.boto3 import uninstrument_boto3

        uninstrument_boto3()
        handlers.BUILTIN_HANDLERS[:] = table
        boto3.DEFAULT_SESSION = default


def _send(boto3: Any, aws: str, body: str) -> str:
    """One SendMessage from a client of a session made now; the queue's name."""
    sqs = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1").client(
        "sqs", endpoint_url=aws)
    name = f"botanu-i-{os.urandom(5).hex()}"
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=body)
    return name


@pytest.mark.parametrize("env, on", [({}, True), ({"BOTANU_DATA_BOTO3": "false"}, False),
                                     ({"OTEL_PYTHON_DISABLED_INSTRUMENTATIONS": "botanu_data"}, False)])
def test_opentelemetry_instrument_tracks_boto3_unless_told_not_to(
    aws: str, tmp_path: Path, env: dict[str, str], on: bool
) -> None:
    spans, stderr = _opentelemetry_instrument(tmp_path, aws, "zero-code", app=BOTO3_APP, **env)
    ours = [(span["name"], span["attributes"]["messaging.system"], span["attributes"].get(
        "botanu.messaging.bytes_transferred")) for span in _botanu(spans)]
    assert ours == ([("publish zero-code", "sqs", 9)] if on else [])
    assert "botanu_data" not in stderr


def test_instrument_switches_boto3_on_for_new_sessions_and_uninstrument_off(
    instrumentor: BotanuDataInstrumentor, otel: Telemetry, aws: str, boto3_restored: Any,
) -> None:
    from botocore import handlers

    from botanu_data.integrations.boto3 import is_instrumented_process_wide

    table = list(handlers.BUILTIN_HANDLERS)
    instrumentor.instrument(tracer_provider=otel.tracer_provider, meter_provider=otel.meter_provider)
    assert is_instrumented_process_wide() and len(handlers.BUILTIN_HANDLERS) > len(table)
    name = _send(boto3_restored, aws, "in code")
    assert otel.span(f"publish {name}").attributes["botanu.messaging.bytes_transferred"] == 7
    assert otel.total("botanu.messaging.messages", messaging__system="sqs") == 1
    instrumentor.uninstrument()
    assert not is_instrumented_process_wide()
    assert table == handlers.BUILTIN_HANDLERS  # sessions made afterwards get nothing of ours
    _send(boto3_restored, aws, "off")
    assert otel.total("botanu.messaging.messages", messaging__system="sqs") == 1 and len(otel.spans()) == 1


@pytest.mark.parametrize("env, keyword, on", [
    ("false", {}, False), ("0", {"boto3": True}, True), ("true", {"boto3": False}, False), ("", {"boto3": "no"}, False),
])
def test_the_environment_and_the_boto3_keyword_turn_boto3_off_code_wins(
    instrumentor: BotanuDataInstrumentor, otel: Telemetry, aws: str, boto3_restored: Any,
    monkeypatch: pytest.MonkeyPatch, env: str, keyword: dict[str, Any], on: bool,
) -> None:
    from botanu_data.integrations.boto3 import is_instrumented_process_wide

    monkeypatch.setenv("BOTANU_DATA_BOTO3", env)
    instrumentor.instrument(tracer_provider=otel.tracer_provider, meter_provider=otel.meter_provider, **keyword)
    assert is_instrumented_process_wide() is on
    _send(boto3_restored, aws, "x")
    assert otel.total("botanu.messaging.messages") == (1 if on else 0)
    instrumentor.uninstrument()
    assert not is_instrumented_process_wide()


def test_uninstrument_leaves_the_applications_own_instrument_boto3_on(
    instrumentor: BotanuDataInstrumentor, otel: Telemetry, aws: str, boto3_restored: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from botanu_data.integrations.boto3 import instrument_boto3, is_instrumented_process_wide

    instrument_boto3()  # the application's, first
    with caplog.at_level(logging.WARNING, logger="botanu_data"):
        instrumentor.instrument(boto3="sometimes")  # a bad value: dropped, named, boto3 left as it is
    assert "boto3='sometimes'" in caplog.text
    instrumentor.uninstrument()
    assert is_instrumented_process_wide()
    name = _send(boto3_restored, aws, "app")
    assert otel.span(f"publish {name}").attributes["messaging.system"] == "sqs"
