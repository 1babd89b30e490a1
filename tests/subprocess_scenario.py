"""Run a short Python scenario in a fresh interpreter and read back what it exported.

Process-wide switches (``instrument_sqlalchemy``, hidden modules, import order) are tested each in their own
process, so one test's state cannot make another pass or fail. The scenario gets a real OpenTelemetry SDK with
in-memory exporters and ends with ``report()``, which prints the spans, the botanu counters and every log record
of level WARNING or above as one JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

PRELUDE = '''
import json, logging, sys
from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

exporter = InMemorySpanExporter()
tracer_provider = TracerProvider()
tracer_provider.add_span_processor(SimpleSpanProcessor(exporter))
trace.set_tracer_provider(tracer_provider)
reader = InMemoryMetricReader()
metrics.set_meter_provider(MeterProvider(metric_readers=[reader]))

_records = []


class _Collect(logging.Handler):
    def emit(self, record):
        _records.append({"level": record.levelname, "logger": record.name, "message": record.getMessage()})


logging.getLogger().addHandler(_Collect(level=logging.WARNING))


def botanu_spans():
    return [s for s in exporter.get_finished_spans() if s.instrumentation_scope.name == "botanu_data"]


def counted(metric="botanu.data.operations"):
    total = 0
    data = reader.get_metrics_data()
    for resource_metrics in data.resource_metrics if data else []:
        for scope_metrics in resource_metrics.scope_metrics:
            for item in scope_metrics.metrics:
                if item.name == metric:
                    total += sum(point.value for point in item.data.data_points)
    return total


def report(**extra):
    spans = [{"name": s.name, "scope": s.instrumentation_scope.name,
              "attributes": {k: v for k, v in s.attributes.items() if isinstance(v, (str, int, float, bool))}}
             for s in exporter.get_finished_spans()]
    print("SCENARIO " + json.dumps({"spans": spans, "counted": counted(), "logs": _records, **extra}))
'''


# this checkout first: the script runs in tmp_path, where the interpreter would find whichever botanu_data is
# installed (another checkout's, with an editable install)
_PYTHONPATH = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH")]))


def run_scenario(tmp_path: Path, body: str, *, env: dict[str, str] | None = None, before: str = "") -> dict[str, Any]:
    """Run ``before`` (e.g. an import blocker), the prelude, then ``body``; return ``report()``'s JSON."""
    script = tmp_path / "scenario.py"
    script.write_text(textwrap.dedent(before) + PRELUDE + textwrap.dedent(body))
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": _PYTHONPATH, **(env or {})}, cwd=tmp_path,
    )
    assert result.returncode == 0, f"scenario failed:\n{result.stdout}\n{result.stderr}"
    lines = [line for line in result.stdout.splitlines() if line.startswith("SCENARIO ")]
    assert len(lines) == 1, f"no report from the scenario:\n{result.stdout}\n{result.stderr}"
    return json.loads(lines[0][len("SCENARIO "):])


def hiding(modules: tuple[str, ...]) -> str:
    """A ``before=`` that makes importing ``modules`` (and their submodules) fail, as when they are not installed."""
    return f'''
import sys

HIDDEN = {modules!r}


class _Hide:
    def find_spec(self, name, path=None, target=None):
        if any(name == hidden or name.startswith(hidden + ".") for hidden in HIDDEN):
            raise ImportError(f"No module named {{name!r}} (hidden by the test)")
        return None


sys.meta_path.insert(0, _Hide())
'''


def botanu_span_names(report: dict[str, Any]) -> list[str]:
    return [span["name"] for span in report["spans"] if span["scope"] == "botanu_data"]


def problems(report: dict[str, Any]) -> list[dict[str, str]]:
    """Log records of level ERROR or above."""
    return [record for record in report["logs"] if record["level"] in ("ERROR", "CRITICAL")]
