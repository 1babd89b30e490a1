"""``python -m botanu_data demo``: run for real in a subprocess, output checked against its own counters."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from botanu_data import report
from botanu_data.__main__ import main
from botanu_data.demo import run_demo
from botanu_data.providers import settings

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b[\[\]()]")
ROOT_NAME = "botanu.run/ETL Pipeline"
# counter kind -> (operation attribute, target attribute); written out here, not taken from report.py
KEYS = {
    "data": ("db.operation", "db.collection.name"),
    "storage": ("botanu.storage.operation", "botanu.storage.bucket"),
    "messaging": ("messaging.operation", "messaging.destination.name"),
}


def run_cli(tmp_path: Path, *args: str, timeout: float = 90) -> tuple[subprocess.CompletedProcess[str], float]:
    """The demo in a fresh interpreter, piped (not a tty), with its temporary directory inside ``tmp_path``."""
    env = dict(os.environ)
    env["TMPDIR"] = str(tmp_path)
    env["TERM"] = "xterm-256color"  # a colour-capable terminal type must still give plain text when piped
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "botanu_data", "demo", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
    )
    return done, time.perf_counter() - started


def parse_table(text: str) -> dict[tuple[str, str, str], dict[str, float]]:
    """The cost table's rows keyed by (vendor, operation, target), using the rule line's column spans."""
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("vendor "))
    spans = [m.span() for m in re.finditer(r"-+", lines[header + 1])]
    names = lines[header].split()
    assert names == ["vendor", "operation", "target", "ops", "err", "rows", "bytes", "time"]
    table: dict[tuple[str, str, str], dict[str, float]] = {}
    for line in lines[header + 2:]:
        if line.startswith("---"):
            continue
        cells = [line[a:b].strip() for a, b in spans]
        if not cells[0]:
            break
        values = {name: number(cell) for name, cell in zip(names[3:7], cells[3:7], strict=True)}
        values["time_ms"] = milliseconds(cells[7])
        table[(cells[0], cells[1], cells[2])] = values
        if cells[0] == "total":
            break
    return table


def number(cell: str) -> float:
    return 0 if cell == "-" else float(cell.replace(",", ""))


def milliseconds(cell: str) -> float:
    value, unit = cell.split()
    return float(value) * (1000 if unit == "s" else 1)


def expected_rows(points: list[dict]) -> dict[tuple[str, str, str], dict[str, float]]:
    """The table a reader should print, summed here straight from the counter data points."""
    rows: dict[tuple[str, str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for point in points:
        _, kind, measure = point["metric"].split(".")
        attributes, value = point["attributes"], point["value"]
        operation_key, target_key = KEYS[kind]
        row = rows[(attributes["botanu.vendor"], attributes[operation_key], attributes.get(target_key, ""))]
        if measure == "operations":
            row["ops"] += value
            if "error.type" in attributes:
                row["err"] += value
        elif measure == "duration":
            row["time_ms"] += value * 1000
        elif measure in ("rows", "objects", "messages"):
            row["rows"] += value
        elif measure == "bytes" and attributes.get("botanu.data.direction") != "scanned":
            row["bytes"] += value
    return rows


def assert_time_close(printed_ms: float, exact_ms: float) -> None:
    # printed with 2 decimals below 10 ms, 1 decimal above: allow the rounding, nothing more
    assert abs(printed_ms - exact_ms) <= (0.0051 if exact_ms < 10 else 0.051), (printed_ms, exact_ms)


def assert_plain(text: str) -> None:
    assert not ANSI.search(text), "escape codes in piped output"
    too_long = [line for line in text.splitlines() if len(line) > 80]
    assert not too_long, too_long


# -- the default text output ----------------------------------------------------------------------------


def test_demo_prints_tree_and_cost_table_and_leaves_nothing(tmp_path: Path) -> None:
    done, wall = run_cli(tmp_path, "--rows", "60")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout
    assert_plain(out)
    assert wall < 30, f"demo took {wall:.1f} s"
    assert list(tmp_path.iterdir()) == [], "the demo left files behind"

    lines = out.splitlines()
    trace_at = next(i for i, line in enumerate(lines) if line.startswith("Trace ("))
    root = lines[trace_at + 1]
    assert re.fullmatch(r"\s*\d+\.\d+ m?s  botanu\.run/ETL Pipeline  outcome=success", root), root
    tree = lines[trace_at + 2: lines.index("", trace_at)]
    assert all(re.match(r"\s*\d+\.\d+ m?s  ", line) or line.startswith(" " * 11) for line in tree)
    # the consumer continues the producer's trace: nested one level below the publish span
    publish = next(i for i, line in enumerate(tree) if "publish batch-complete" in line)
    consume = tree[publish + 1]
    assert "consume batch-complete" in consume
    assert consume.index("consume") == tree[publish].index("publish") + 3
    assert any("INSERT customers" in line and "error=IntegrityError" in line for line in tree)

    table = parse_table(out)
    vendors = {vendor for vendor, _, _ in table}
    assert {"sqlite", "filesystem", "inproc", "total"} <= vendors
    assert table[("sqlite", "BATCH", "orders")]["rows"] == 60  # --rows scales the data
    assert table[("sqlite", "UPDATE", "orders")]["rows"] == 60
    assert table[("sqlite", "INSERT", "customers")]["err"] == 1
    assert table[("sqlite", "UPSERT", "region_totals")]["rows"] == 4
    assert table[("filesystem", "PUT", "etl-exports")]["ops"] == 2
    assert table[("filesystem", "GET", "etl-exports")]["bytes"] > 0
    assert table[("inproc", "publish", "batch-complete")]["rows"] == 1
    assert table[("inproc", "consume", "batch-complete")]["bytes"] == table[
        ("inproc", "publish", "batch-complete")]["bytes"]
    body = [values for key, values in table.items() if key[0] != "total"]
    total = table[("total", "", "")]
    for column in ("ops", "err", "rows", "bytes"):
        assert total[column] == sum(values[column] for values in body), column
    assert "temporary files removed" in out


# -- JSON lines: the printed table against the counters of the same run ---------------------------------


def test_json_lines_and_totals_equal_the_counters(tmp_path: Path) -> None:
    done, _ = run_cli(tmp_path, "--rows", "40", "--json")
    assert done.returncode == 0, done.stderr
    assert_plain(done.stderr)
    records = [json.loads(line) for line in done.stdout.splitlines()]  # stdout is JSON lines only
    spans = [r for r in records if "metric" not in r]
    points = [r for r in records if "metric" in r]
    assert spans and points

    # the trace: one root, one trace, the message's headers carried the context to the consumer
    roots = [s for s in spans if s["parent_id"] is None]
    assert [s["name"] for s in roots] == [ROOT_NAME]
    assert {s["context"]["trace_id"] for s in spans} == {roots[0]["context"]["trace_id"]}
    by_name = {s["name"]: s for s in spans}
    assert by_name["consume batch-complete"]["parent_id"] == by_name["publish batch-complete"]["context"]["span_id"]
    storage_reads = [s for s in spans if s["name"] in ("GET etl-exports", "LIST etl-exports")]
    assert {s["parent_id"] for s in storage_reads} == {by_name["consume batch-complete"]["context"]["span_id"]}
    assert [s["name"] for s in spans if s["status"]["status_code"] == "ERROR"] == ["INSERT customers"]

    # every printed row equals the sums of the counter data points of the same run
    table = parse_table(done.stderr)
    expected = expected_rows(points)
    printed = {key: values for key, values in table.items() if key[0] != "total"}
    assert set(printed) == set(expected)
    for key, values in expected.items():
        for column in ("ops", "err", "rows", "bytes"):
            assert printed[key][column] == values[column], (key, column)
        assert_time_close(printed[key]["time_ms"], values["time_ms"])
    total = table[("total", "", "")]
    for column in ("ops", "err", "rows", "bytes"):
        assert total[column] == sum(values[column] for values in expected.values()), column
    assert_time_close(total["time_ms"], sum(values["time_ms"] for values in expected.values()))

    # the run totals printed (from the counters) agree with the run span's botanu.run.* (from the run state)
    run = roots[0]["attributes"]
    totals = {line.split()[0]: line for line in done.stderr.splitlines() if line.startswith("  ")}

    def count(kind: str, label: str) -> int:
        match = re.search(rf"([\d,]+) {label}", totals[kind])
        assert match, (kind, label, totals[kind])
        return int(match.group(1).replace(",", ""))

    assert count("database", "ops") == run["botanu.run.db.operations"]
    assert count("database", "affected") == run["botanu.run.data.rows_affected"]
    assert count("storage", "ops") == run["botanu.run.storage.operations"]
    assert count("storage", "B written") == run["botanu.run.storage.bytes_written"]
    assert count("storage", "B read") == run["botanu.run.storage.bytes_read"]
    assert count("messaging", "messages") == run["botanu.run.messaging.messages"]
    assert count("messaging", "B") == run["botanu.run.messaging.bytes"]
    assert list(tmp_path.iterdir()) == []


# -- --keep, in process, console script -----------------------------------------------------------------


def test_keep_keeps_the_files_and_says_where(tmp_path: Path) -> None:
    done, _ = run_cli(tmp_path, "--rows", "25", "--keep")
    assert done.returncode == 0, done.stderr
    where = re.search(r"^Files kept in (.+):$", done.stdout, re.MULTILINE)
    assert where, done.stdout
    workdir = Path(where.group(1))
    assert workdir.parent == tmp_path and workdir.is_dir()
    assert (workdir / "etl.db").stat().st_size > 0
    exports = workdir / "objects" / "etl-exports" / "batch" / "batch-000025"
    assert len((exports / "orders.csv").read_text().splitlines()) == 25 + 1  # header + one line per order
    summary = json.loads((exports / "summary.json").read_text())
    assert sum(region["orders"] for region in summary["regions"].values()) == 25


def test_run_demo_in_process_restores_settings_and_table_matches_snapshot(tmp_path: Path) -> None:
    before = (settings.tracer_provider, settings.meter_provider)
    result = run_demo(12, workdir_parent=tmp_path)
    assert (settings.tracer_provider, settings.meter_provider) == before
    assert not result.workdir.exists() and list(tmp_path.iterdir()) == []
    assert result.summary["verified"] is True and result.summary["rejected"] == 1
    # the renderer's rows against a direct reading of the same snapshot
    points = [{"metric": n, "attributes": dict(a), "value": v} for n, a, v in report.counter_points(result.metrics)]
    expected = expected_rows(points)
    rendered = {(r.vendor, r.operation, r.target): r for r in report.cost_rows(result.metrics)}
    assert set(rendered) == set(expected)
    for key, values in expected.items():
        assert rendered[key].operations == values["ops"]
        assert rendered[key].rows == values["rows"]
        assert rendered[key].bytes == values["bytes"]
    # a second run in the same process starts from fresh counters
    def counts(metrics: object) -> dict[tuple[str, str, str], tuple[float, float, float, float]]:
        return {(r.vendor, r.operation, r.target): (r.operations, r.errors, r.rows, r.bytes)
                for r in report.cost_rows(metrics)}  # type: ignore[arg-type]

    again = run_demo(12, workdir_parent=tmp_path)
    assert counts(again.metrics) == counts(result.metrics)


def test_console_script_entry_point_and_main(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    scripts = [ep for ep in entry_points(group="console_scripts") if ep.name == "botanu-data"]
    assert [ep.value for ep in scripts] == ["botanu_data.__main__:main"]
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(["demo", "--rows", "3"]) == 0
    out = capsys.readouterr().out
    assert ROOT_NAME in out and "inproc" in out
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--rows", "0"])
    assert exit_info.value.code == 2


# -- --otlp against a real HTTP receiver on localhost ---------------------------------------------------


class _Receiver(BaseHTTPRequestHandler):
    status = 200
    received: list[tuple[str, str, bytes]]

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.received.append((self.path, self.headers.get("Content-Type", ""), body))
        self.send_response(self.status)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, type[_Receiver]]]:
    handler = type("Receiver", (_Receiver,), {"received": [], "status": 200})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()


def need_otlp_exporter() -> None:
    """Skip without the `otlp` extra; under BOTANU_TEST_REQUIRE_SERVICES=1 (CI) that is an error instead."""
    try:
        import opentelemetry.exporter.otlp.proto.http  # noqa: F401
    except ImportError:
        reason = "the `otlp` extra (opentelemetry-exporter-otlp-proto-http) is not installed"
        if os.environ.get("BOTANU_TEST_REQUIRE_SERVICES", "").strip() not in ("", "0"):
            pytest.fail(f"{reason} [BOTANU_TEST_REQUIRE_SERVICES is set: an error, not a skip]", pytrace=False)
        pytest.skip(reason)


def test_otlp_exports_spans_and_counters(tmp_path: Path, receiver: tuple[str, type[_Receiver]]) -> None:
    need_otlp_exporter()
    from opentelemetry.proto.collector.metrics.v1.metrics_service_pb2 import ExportMetricsServiceRequest
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

    url, handler = receiver
    done, _ = run_cli(tmp_path, "--rows", "10", "--otlp", url)
    assert done.returncode == 0, done.stdout + done.stderr
    traces = [body for path, kind, body in handler.received if path == "/v1/traces"]
    metrics = [body for path, kind, body in handler.received if path == "/v1/metrics"]
    assert traces and metrics
    assert {kind for _, kind, _ in handler.received} == {"application/x-protobuf"}
    names = []
    for body in traces:
        request = ExportTraceServiceRequest.FromString(body)
        names += [s.name for rs in request.resource_spans for ss in rs.scope_spans for s in ss.spans]
    assert ROOT_NAME in names
    assert f"OTLP: exported {len(names)} spans" in done.stdout
    metric_names = set()
    for body in metrics:
        request = ExportMetricsServiceRequest.FromString(body)
        metric_names |= {m.name for rm in request.resource_metrics for sm in rm.scope_metrics for m in sm.metrics}
    assert {"botanu.data.operations", "botanu.storage.bytes", "botanu.messaging.messages"} <= metric_names


def test_otlp_rejected_is_reported_with_exit_status_1(tmp_path: Path, receiver: tuple[str, type[_Receiver]]) -> None:
    need_otlp_exporter()
    url, handler = receiver
    handler.status = 400  # not retried by the exporter, so this stays fast
    done, _ = run_cli(tmp_path, "--rows", "5", "--otlp", url)
    assert done.returncode == 1
    assert f"OTLP export to {url} FAILED" in done.stdout
    assert "Traceback" not in done.stderr  # one line of ours, not the exporter's tracebacks
    assert list(tmp_path.iterdir()) == []


def test_otlp_without_the_exporter_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    for module in ("opentelemetry.exporter.otlp.proto.http.trace_exporter",
                   "opentelemetry.exporter.otlp.proto.http.metric_exporter"):
        monkeypatch.setitem(sys.modules, module, None)  # makes the import fail as if not installed
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(["demo", "--otlp", "http://127.0.0.1:4318"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'botanu-data[otlp]'" in err
    assert list(tmp_path.iterdir()) == []


# -- issue 14, part 4: what users tripped over ------------------------------------------------------------


def test_the_trace_shows_the_operation_the_cost_table_counts(tmp_path: Path) -> None:
    """A span named by the statement's own verb (INSERT for SQLite's upsert, COMMIT) also shows the seed's
    operation (UPSERT, TRANSACTION), so each database span can be found in the cost table."""
    result = run_demo(12, workdir_parent=tmp_path)
    rows = {(r.vendor, r.operation, r.target) for r in report.cost_rows(result.metrics)}
    tree = report.tree_lines(result.spans)
    assert any("INSERT region_totals" in line and "operation=UPSERT" in line for line in tree), tree
    db_spans = [s for s in result.spans if "db.operation" in (s.attributes or {})]
    assert db_spans
    for span in db_spans:
        shown = [item.split("=", 1)[1] for item in report.key_attributes(span) if item.startswith("operation=")]
        operation = shown[0] if shown else span.name.split(" ", 1)[0]
        assert operation == span.attributes["db.operation"], span.name
        assert ("sqlite", operation, span.attributes.get("db.collection.name", "")) in rows, span.name
    # where the name already says it, nothing is added
    assert not any("operation=" in line for line in tree if "SELECT" in line or "publish" in line)


@pytest.mark.parametrize(("url", "complaint"), [
    ("localhost:4318", "needs the scheme http or https (no http:// or https://)"),
    ("grpc://localhost:4317", "needs the scheme http or https (scheme 'grpc')"),
    ("http://", "has no host"),
    ("http://localhost:43180000", "has an invalid port"),
    ("http://local host:4318", "is not a URL"),
    ("", "is not a URL"),
])
def test_otlp_url_is_checked_before_anything_runs(url: str, complaint: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--rows", "1", "--otlp", url])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert complaint in captured.err and "e.g. http://localhost:4318" in captured.err
    assert "collector" not in captured.err + captured.out
    assert captured.out == "" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("span_failures", "metric_failures", "said"), [
    (1, 1, "(1 span batch, 1 metric export)"),
    (2, 0, "(2 span batches, 0 metric exports)"),
])
def test_otlp_failure_line_agrees_in_number(span_failures: int, metric_failures: int, said: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    import botanu_data.__main__ as cli
    from botanu_data.demo import ExportTally

    real = run_demo(3, workdir_parent=tmp_path)
    real.otlp = ExportTally("http://127.0.0.1:9", spans=0, span_failures=span_failures,
                            metric_failures=metric_failures)
    monkeypatch.setattr(cli, "run_demo", lambda *args, **kwargs: real)
    assert main(["demo", "--rows", "3", "--otlp", "http://127.0.0.1:9"]) == 1
    out = capsys.readouterr().out
    assert f"OTLP export to http://127.0.0.1:9 FAILED {said}; is a collector listening there?" in out


def test_plural() -> None:
    assert [report.plural(n, "span") for n in (0, 1, 2)] == ["0 spans", "1 span", "2 spans"]
    assert [report.plural(n, "span batch") for n in (1, 3)] == ["1 span batch", "3 span batches"]
    assert report.plural(1_000, "metric export") == "1,000 metric exports"
