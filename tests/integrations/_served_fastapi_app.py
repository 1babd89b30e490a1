"""A FastAPI app as a user serves it, run by test_real_servers.py in a subprocess under uvicorn.

``python _served_fastapi_app.py <database url> <async database url> <table> <out dir>``: serves on a free
loopback port (written to ``<out dir>/port``), exports every span to ``<out dir>/spans.jsonl`` and, at the
app's lifespan shutdown (SIGTERM), the ``botanu.data.operations`` points to ``<out dir>/operations.json``.
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import uvicorn
from fastapi import Depends, FastAPI
from fastapi.responses import StreamingResponse
from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExporter, SpanExportResult
from sqlalchemy import create_engine, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session

from botanu_data.integrations.fastapi import instrument_app


class JsonLinesExporter(SpanExporter):
    """One JSON object per finished span."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("a", encoding="utf-8")
        self._lock = threading.Lock()

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        with self._lock:
            for span in spans:
                self._file.write(json.dumps({
                    "name": span.name,
                    "kind": span.kind.name,
                    "trace_id": f"{span.context.trace_id:032x}",
                    "span_id": f"{span.context.span_id:016x}",
                    "parent_id": f"{span.parent.span_id:016x}" if span.parent is not None else None,
                    "status": span.status.status_code.name,
                    "attributes": {k: list(v) if isinstance(v, tuple) else v for k, v in span.attributes.items()},
                }) + "\n")
            self._file.flush()
        return SpanExportResult.SUCCESS


def main(url: str, async_url: str, table: str, out: Path) -> None:
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(JsonLinesExporter(out / "spans.jsonl")))
    trace.set_tracer_provider(tracer_provider)
    reader = InMemoryMetricReader()
    metrics.set_meter_provider(MeterProvider(metric_readers=[reader]))

    engine = create_engine(url)
    async_engine = create_async_engine(async_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        points = []
        data = reader.get_metrics_data()
        for resource_metrics in data.resource_metrics if data else []:
            for scope_metrics in resource_metrics.scope_metrics:
                for item in scope_metrics.metrics:
                    if item.name == "botanu.data.operations":
                        points += [[dict(p.attributes), p.value] for p in item.data.data_points]
        (out / "operations.json").write_text(json.dumps(points))
        await async_engine.dispose()

    def session() -> Iterator[Session]:
        with Session(engine) as db:
            yield db
            db.execute(text(f"SELECT count(*) FROM {table}"))  # the dependency's teardown: in the run too

    app = FastAPI(lifespan=lifespan)

    @app.get("/items/{item_id}")
    def item(item_id: int, db: Session = Depends(session)) -> dict:  # noqa: B008 - sync: in the thread pool
        return {"name": db.execute(text(f"SELECT name FROM {table} WHERE id = :id"), {"id": item_id}).scalar()}

    @app.get("/async/{item_id}")
    async def async_item(item_id: int) -> dict:
        async with AsyncSession(async_engine) as db:
            await asyncio.sleep(0.01)  # concurrent requests interleave on the event loop
            row = await db.execute(text(f"SELECT name FROM {table} WHERE id = :id"), {"id": item_id})
            return {"name": row.scalar()}

    @app.get("/boom")
    def boom(db: Session = Depends(session)) -> dict:  # noqa: B008
        db.execute(text(f"SELECT id FROM {table}"))
        raise ValueError("boom")

    @app.get("/stream")
    async def stream() -> StreamingResponse:
        async def body() -> AsyncIterator[bytes]:
            for i in range(3):
                async with AsyncSession(async_engine) as db:
                    await db.execute(text(f"SELECT id FROM {table} WHERE id = 1"))
                yield f"chunk {i}\n".encode()

        return StreamingResponse(body(), media_type="text/plain")

    instrument_app(app, engines=[engine, async_engine])

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    (out / "port").write_text(str(sock.getsockname()[1]))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    server.run(sockets=[sock])
    tracer_provider.shutdown()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4]))
