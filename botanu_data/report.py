"""Plain-text rendering for the demo: the trace as an indented tree and the cost table from the counters.

Everything here is pure: spans and a ``MetricsData`` snapshot in, lines of text out. No colour codes and
no terminal library, so the output reads the same in an 80-column terminal, a pipe or a README.
The cost table is built from the ``botanu.*`` counters' data points only (never from spans), so it shows
exactly what a metrics backend would receive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from opentelemetry.sdk.metrics.export import MetricsData
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import StatusCode

from .accounting import LEDGERS, METER_NAME

WIDTH = 80

# Per kind of operation: the counter attributes naming its operation and its target (table, bucket, queue).
_KEYS = {
    "db": ("db.operation", "db.collection.name"),
    "storage": ("botanu.storage.operation", "botanu.storage.bucket"),
    "messaging": ("messaging.operation", "messaging.destination.name"),
}
KIND_LABELS = {"db": "database", "storage": "storage", "messaging": "messaging"}

# counter name -> (kind, {botanu.data.direction value or None: slot name}), from the ledgers themselves
_COUNTERS: dict[str, tuple[str, dict[str | None, str]]] = {
    spec.name: (ledger.kind, {direction: ledger.slot_names[slot] for slot, direction in spec.slots})
    for ledger in LEDGERS
    for spec in ledger.counters
}


# -- the cost table -------------------------------------------------------------------------------------


@dataclass
class CostRow:
    """The counters of one (kind, vendor, operation, target), summed over their other attributes."""

    kind: str
    vendor: str
    operation: str
    target: str
    values: dict[str, float] = field(default_factory=dict)  # ledger slot name -> total
    errors: float = 0  # operations whose series carries error.type

    def get(self, slot: str) -> float:
        return self.values.get(slot, 0)

    @property
    def operations(self) -> float:
        return self.get("operations")

    @property
    def seconds(self) -> float:
        return self.get("duration")

    @property
    def rows(self) -> float:
        """The table's rows column: rows (db), objects (storage) or messages (messaging)."""
        if self.kind == "db":
            return self.get("rows_returned") + self.get("rows_affected")
        return self.get("objects") if self.kind == "storage" else self.get("messages")

    @property
    def bytes(self) -> float:
        if self.kind == "messaging":
            return self.get("bytes")
        return self.get("bytes_read") + self.get("bytes_written")


def counter_points(metrics: MetricsData | None) -> Iterator[tuple[str, Mapping[str, object], float]]:
    """(counter name, attributes, value) of every botanu counter data point in a snapshot."""
    if metrics is None:
        return
    for resource_metrics in metrics.resource_metrics:
        for scope_metrics in resource_metrics.scope_metrics:
            if scope_metrics.scope.name != METER_NAME:
                continue
            for metric in scope_metrics.metrics:
                if metric.name not in _COUNTERS:
                    continue
                for point in metric.data.data_points:
                    yield metric.name, point.attributes or {}, point.value


def cost_rows(metrics: MetricsData | None) -> list[CostRow]:
    """The counters grouped by kind, vendor, operation and target, in a stable order."""
    rows: dict[tuple[str, str, str, str], CostRow] = {}
    for name, attributes, value in counter_points(metrics):
        kind, slots = _COUNTERS[name]
        slot = slots.get(attributes.get("botanu.data.direction"))  # type: ignore[arg-type]
        if slot is None:
            continue
        operation_key, target_key = _KEYS[kind]
        key = (
            kind,
            str(attributes.get("botanu.vendor", "?")),
            str(attributes.get(operation_key, "?")),
            str(attributes.get(target_key, "")),
        )
        row = rows.get(key)
        if row is None:
            row = rows[key] = CostRow(*key)
        row.values[slot] = row.values.get(slot, 0) + value
        if slot == "operations" and "error.type" in attributes:
            row.errors += value
    order = {kind: index for index, kind in enumerate(_KEYS)}
    return sorted(rows.values(), key=lambda r: (order[r.kind], r.vendor, r.target, r.operation))


def kind_totals(rows: Iterable[CostRow]) -> dict[str, CostRow]:
    """Per kind of operation, every slot summed over all its rows."""
    totals: dict[str, CostRow] = {}
    for row in rows:
        total = totals.setdefault(row.kind, CostRow(row.kind, "", "", ""))
        for slot, value in row.values.items():
            total.values[slot] = total.values.get(slot, 0) + value
        total.errors += row.errors
    return totals


def plural(count: float, singular: str, plural_form: str | None = None) -> str:
    """``1 span batch``, ``2 span batches``: the count with the word that agrees with it."""
    word = singular if count == 1 else plural_form or (singular + ("es" if singular.endswith(("s", "ch")) else "s"))
    return f"{int(count):,} {word}"


def format_count(value: float) -> str:
    return f"{int(round(value)):,}" if value else "-"


def format_seconds(seconds: float) -> str:
    ms = seconds * 1000.0
    if ms < 10:
        return f"{ms:.2f} ms"
    if ms < 10_000:
        return f"{ms:.1f} ms"
    return f"{seconds:.1f} s"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "~"


def cost_table_lines(rows: Sequence[CostRow], width: int = WIDTH) -> list[str]:
    """The cost table: one line per vendor / operation / target, then a total line."""
    headers = ("vendor", "operation", "target", "ops", "err", "rows", "bytes", "time")
    right = (False, False, False, True, True, True, True, True)
    total = CostRow("", "total", "", "")
    for row in rows:
        for slot, value in row.values.items():
            total.values[slot] = total.values.get(slot, 0) + value
        total.errors += row.errors

    def cells(row: CostRow, rows_value: float, bytes_value: float) -> list[str]:
        return [
            row.vendor, row.operation, row.target, format_count(row.operations), format_count(row.errors),
            format_count(rows_value), format_count(bytes_value), format_seconds(row.seconds),
        ]

    body = [cells(row, row.rows, row.bytes) for row in rows]
    sum_rows = sum(row.rows for row in rows)
    sum_bytes = sum(row.bytes for row in rows)
    footer = cells(total, sum_rows, sum_bytes)
    widths = [max(len(line[i]) for line in [list(headers), *body, footer]) for i in range(len(headers))]
    gap = 2
    overflow = sum(widths) + gap * (len(widths) - 1) - width
    if overflow > 0:  # only the target column gives way; counts are never cut
        widths[2] = max(widths[2] - overflow, 6)

    def line(values: Sequence[str]) -> str:
        parts = []
        for value, size, is_right in zip(values, widths, right, strict=True):
            value = _clip(value, size)
            parts.append(value.rjust(size) if is_right else value.ljust(size))
        return (" " * gap).join(parts).rstrip()

    rule = (" " * gap).join("-" * size for size in widths)
    return [line(headers), rule, *(line(values) for values in body), rule, line(footer)]


def totals_lines(rows: Sequence[CostRow]) -> list[str]:
    """The run's totals per kind of operation, in words."""

    def n(value: float) -> str:
        return f"{int(round(value)):,}"

    lines = []
    totals = kind_totals(rows)
    label_width = max((len(KIND_LABELS[kind]) for kind in totals), default=0)
    for kind, total in totals.items():
        parts = [f"{n(total.operations)} ops"]
        if total.errors:
            parts.append(f"{n(total.errors)} failed")
        if kind == "db":
            parts += [f"{n(total.get('rows_returned'))} rows returned", f"{n(total.get('rows_affected'))} affected"]
            if total.bytes:
                parts.append(f"{n(total.bytes)} B")
        elif kind == "storage":
            parts += [f"{n(total.get('objects'))} objects", f"{n(total.get('bytes_written'))} B written",
                      f"{n(total.get('bytes_read'))} B read"]
        else:
            parts += [f"{n(total.get('messages'))} messages", f"{n(total.get('bytes'))} B"]
        parts.append(format_seconds(total.seconds))
        lines.append(f"  {KIND_LABELS[kind].ljust(label_width)}  " + ", ".join(parts))
    return lines


# -- the trace tree -------------------------------------------------------------------------------------


def _short_type(name: object) -> str:
    return str(name).rsplit(".", 1)[-1]


def _bytes(value: Any) -> str:
    return f"{int(value):,} B"


def key_attributes(span: ReadableSpan) -> list[str]:
    """The few attributes worth a glance: the operation where the span's name does not show it, rows, bytes,
    messages, batch size, tables, errors, outcome."""
    attributes = span.attributes or {}
    found: list[str] = []
    operation = next((attributes[key] for key, _ in _KEYS.values() if key in attributes), None)
    if operation is not None and span.name.split(" ", 1)[0] != operation:
        # the name is OpenTelemetry's (the statement's own verb: INSERT, COMMIT); the cost table's rows are
        # the seed's operation (UPSERT, TRANSACTION): show it, so the two can be matched
        found.append(f"operation={operation}")

    def add(key: str, label: str, render: Callable[[Any], str] = format_count) -> None:
        value = attributes.get(key)
        if value not in (None, 0, ""):
            found.append(f"{label}={render(value)}")

    add("botanu.outcome.status", "outcome", str)
    add("db.operation.batch.size", "batch")
    add("botanu.data.rows_returned", "rows")
    add("botanu.data.rows_affected", "affected")
    add("botanu.data.objects_count", "objects")
    add("botanu.data.bytes_written", "written", _bytes)
    add("botanu.data.bytes_read", "read", _bytes)
    add("botanu.messaging.message_count", "msgs")
    add("botanu.messaging.bytes_transferred", "bytes", _bytes)
    tables = attributes.get("botanu.data.tables")
    if tables and len(tables) > 1:  # type: ignore[arg-type]
        found.append("tables=" + ",".join(str(t) for t in tables))  # type: ignore[union-attr]
    if "error.type" in attributes:
        found.append(f"error={_short_type(attributes['error.type'])}")
        add("db.response.status_code", "code", str)
    elif span.status.status_code is StatusCode.ERROR:
        found.append("ERROR")
    return found


def _children(spans: Sequence[ReadableSpan]) -> tuple[list[ReadableSpan], dict[int, list[ReadableSpan]]]:
    ids = {span.context.span_id for span in spans}
    roots: list[ReadableSpan] = []
    children: dict[int, list[ReadableSpan]] = {}
    for span in sorted(spans, key=lambda s: (s.start_time or 0, s.end_time or 0)):
        parent = span.parent.span_id if span.parent is not None else None
        if parent in ids:
            children.setdefault(parent, []).append(span)  # type: ignore[arg-type]
        else:
            roots.append(span)
    return roots, children


def tree_lines(spans: Sequence[ReadableSpan], width: int = WIDTH, unicode: bool = True) -> list[str]:
    """The spans as an indented tree: duration, span name and key attributes, wrapped to ``width``."""
    branch, last, pipe, blank = ("├─ ", "└─ ", "│  ", "   ") if unicode else ("|- ", "`- ", "|  ", "   ")
    roots, children = _children(spans)
    lines: list[str] = []
    duration_width = 9

    def emit(span: ReadableSpan, lead: str, own: str, below: str) -> None:
        ns = (span.end_time or 0) - (span.start_time or 0)
        head = f"{format_seconds(ns / 1e9):>{duration_width}}  {lead}{own}"
        name = _clip(span.name, max(width - len(head), 8))
        line = head + name
        pad = " " * (duration_width + 2) + lead + below + "   "
        for item in key_attributes(span):
            if len(line) + 2 + len(item) <= width:
                line += "  " + item
            else:
                lines.append(line)
                line = pad + _clip(item, max(width - len(pad), 8))
        lines.append(line)
        kids = children.get(span.context.span_id, [])
        for index, child in enumerate(kids):
            final = index == len(kids) - 1
            emit(child, lead + below, last if final else branch, blank if final else pipe)

    for root in roots:
        emit(root, "", "", "")
    return lines


def span_json_lines(spans: Iterable[ReadableSpan]) -> Iterator[str]:
    """One compact JSON object per span (the SDK's own span JSON), in start order."""
    for span in sorted(spans, key=lambda s: s.start_time or 0):
        yield span.to_json(indent=None)


__all__ = [
    "CostRow",
    "WIDTH",
    "cost_rows",
    "cost_table_lines",
    "counter_points",
    "format_count",
    "format_seconds",
    "key_attributes",
    "kind_totals",
    "plural",
    "span_json_lines",
    "totals_lines",
    "tree_lines",
]
