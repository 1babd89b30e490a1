"""Command line: ``python -m botanu_data demo`` (also the ``botanu-data`` console script)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import TextIO
from urllib.parse import urlsplit

from opentelemetry.sdk.metrics.export import MetricsData

from . import report
from .demo import DEFAULT_ROWS, WORKFLOW, DemoResult, OtlpUnavailable, quiet_exporter_logs, run_demo
from .version import __version__


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _otlp_url(text: str) -> str:
    """An OTLP/HTTP base URL: http or https, a host, a valid port. Checked here, so a typo is told as such and
    not later as a collector that does not answer."""
    example = "e.g. http://localhost:4318"
    if not text.strip() or text != text.strip() or any(c.isspace() for c in text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a URL (blank or has spaces); {example}")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        found = f"scheme {parts.scheme!r}" if parts.scheme and parts.netloc else "no http:// or https://"
        raise argparse.ArgumentTypeError(f"{text!r} needs the scheme http or https ({found}); {example}")
    if not parts.hostname:
        raise argparse.ArgumentTypeError(f"{text!r} has no host; {example}")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in 0-65535
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} has an invalid port; {example}") from None
    if parts.query or parts.fragment:
        raise argparse.ArgumentTypeError(f"{text!r}: a collector URL takes no ?query or #fragment; {example}")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="botanu-data",
        description="botanu-data: the cost of data operations as OpenTelemetry spans and exact counters.",
    )
    parser.add_argument("--version", action="version", version=f"botanu-data {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        help="run an ETL pipeline on SQLite, a local bucket and an in-process queue; print its trace and costs",
        description=(
            "Run the 'ETL Pipeline' use case end to end on embedded defaults (an SQLite file, a local "
            "directory as an object store bucket, an in-process queue), all in a temporary directory that is "
            "removed afterwards. Prints the trace as a tree and a cost table read from the exact counters."
        ),
    )
    demo.add_argument("--rows", type=_positive, default=DEFAULT_ROWS, metavar="N",
                      help="orders to load and process (default: %(default)s)")
    demo.add_argument("--json", action="store_true",
                      help="print the spans, then the counter data points, as JSON lines on stdout "
                           "(the cost table goes to stderr)")
    demo.add_argument("--keep", action="store_true", help="keep the database and bucket files; print where")
    demo.add_argument("--otlp", metavar="URL", type=_otlp_url,
                      help="also export spans and metrics over OTLP/HTTP, e.g. http://localhost:4318 "
                           "(needs the 'otlp' extra; exit status 1 if the export fails)")
    return parser


def _can_encode(stream: TextIO, text: str) -> bool:
    try:
        text.encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def counter_json_lines(metrics: MetricsData | None) -> list[str]:
    """One JSON object per botanu counter data point: ``{"metric": ..., "attributes": ..., "value": ...}``."""
    return [
        json.dumps({"metric": name, "attributes": dict(attributes), "value": value}, sort_keys=True)
        for name, attributes, value in report.counter_points(metrics)
    ]


def cost_lines(result: DemoResult) -> list[str]:
    """The cost table, its legend and the run's totals, all from the counter snapshot."""
    rows = report.cost_rows(result.metrics)
    return [
        "Cost by vendor / operation / target (from the botanu.* counters)",
        *report.cost_table_lines(rows),
        "rows: rows returned + affected (database), objects (storage), messages",
        "(messaging). SQLite reports no row count for SELECT.",
        "",
        "Run totals (from the botanu.* counters)",
        *report.totals_lines(rows),
    ]


def _demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rows = args.rows
    if args.otlp:
        quiet_exporter_logs()
    started = time.perf_counter()
    try:
        result = run_demo(rows, keep=args.keep, otlp=args.otlp)
    except OtlpUnavailable as error:
        print(f"botanu-data demo: {error}", file=err)
        return 2
    elapsed = time.perf_counter() - started

    text = err if args.json else out  # with --json, stdout carries JSON only
    if args.json:
        for line in report.span_json_lines(result.spans):
            print(line, file=out)
        for line in counter_json_lines(result.metrics):
            print(line, file=out)
    else:
        print(f'botanu-data demo: use case "{WORKFLOW}", {rows} orders through an SQLite file,', file=out)
        print("a local bucket and an in-process queue", file=out)
        print("", file=out)
        print(f"Trace ({len(result.spans)} spans)", file=out)
        for line in report.tree_lines(result.spans, unicode=_can_encode(out, "├─│└")):
            print(line, file=out)
        print("", file=out)
    for line in cost_lines(result):
        print(line, file=text)
    print("", file=text)
    status = 0
    if result.otlp is not None:
        tally = result.otlp
        if tally.span_failures or tally.metric_failures or not tally.spans:
            status = 1  # asked for, and it did not happen: say so in the exit status too
            failed = (f"{report.plural(tally.span_failures, 'span batch')}, "
                      f"{report.plural(tally.metric_failures, 'metric export')}")
            print(f"OTLP export to {tally.endpoint} FAILED ({failed}); is a collector listening there?", file=text)
        else:
            print(f"OTLP: exported {report.plural(tally.spans, 'span')} and the counters to {tally.endpoint}",
                  file=text)
    if result.kept:
        print(f"Files kept in {result.workdir}:", file=text)
        for path in sorted(p for p in result.workdir.rglob("*") if p.is_file()):
            print(f"  {path.relative_to(result.workdir)}", file=text)
    else:
        print(f"Finished in {elapsed:.2f} s; temporary files removed (--keep keeps them).", file=text)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "demo":
        return _demo(args, sys.stdout, sys.stderr)
    parser.print_help(sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
