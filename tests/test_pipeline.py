"""The seed's "Complete Data Pipeline" example, run for real, and the spans it produces.

Shape as in the seed: warehouse SELECT -> per-row analysis -> S3 PUT -> PostgreSQL INSERT -> SQS publish ->
``emit_outcome``, all inside ``use_case("ETL Pipeline")``. S3 and SQS are moto's real HTTP server (boto3 over
HTTP), PostgreSQL is the live server from ``postgres_url``. Two steps cannot run here and are plain
functions: the LLM call (as the brief asks) and Snowflake, which has no local server.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

import pytest
from _services import moto_server
from conftest import Telemetry
from opentelemetry.trace import SpanKind

from botanu_data import (
    DBOperation,
    emit_outcome,
    track_db_operation,
    track_messaging_operation,
    track_storage_operation,
    use_case,
)

RAW_DATA = [{"id": i, "batch_id": "batch-42", "text": f"review {i}: " + "great " * i} for i in range(1, 6)]


class WarehouseRows(list):
    """What the Snowflake stand-in returns: rows plus the bytes the query scanned."""

    bytes_scanned: int = 0


async def warehouse_execute(sql: str, batch_id: str) -> WarehouseRows:
    """Stands in for ``snowflake_client.execute`` (no Snowflake here): a filter over in-memory rows."""
    assert sql.startswith("SELECT")
    rows = WarehouseRows(row for row in RAW_DATA if row["batch_id"] == batch_id)
    rows.bytes_scanned = len(json.dumps(RAW_DATA).encode())  # a full scan of the table
    return rows


@dataclass
class Analysis:
    id: int
    result: str
    score: float


def analyze_row(row: dict[str, Any]) -> Analysis:
    """The plain function in place of the seed's LLM step."""
    score = row["text"].count("great") / 10
    return Analysis(row["id"], "positive" if score > 0.2 else "neutral", score)


@pytest.fixture(scope="module")
def sqs_endpoint() -> Iterator[str]:
    """moto's HTTP server for SQS (its own, so the S3 fixture may point at any S3-compatible endpoint)."""
    with moto_server() as url:
        yield url


@pytest.fixture
def sqs_client(sqs_endpoint: str) -> Any:
    import boto3

    return boto3.client("sqs", endpoint_url=sqs_endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


@pytest.fixture
def pg_connection(postgres_url: str) -> Iterator[Any]:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(postgres_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("CREATE TEMP TABLE processed_data (id int, result text, score float)")
        yield connection


def test_complete_data_pipeline(
    otel: Telemetry, s3_client: Any, s3_bucket: str, sqs_client: Any, pg_connection: Any
) -> None:
    queue_url = sqs_client.create_queue(QueueName="batch-complete")["QueueUrl"]
    written: dict[str, int] = {}

    @use_case("ETL Pipeline")
    async def process_batch(batch_id: str) -> list[Analysis]:
        # 1. Read from data warehouse
        with track_db_operation(system="snowflake", operation=DBOperation.SELECT) as db:
            db.set_query_id(batch_id)
            rows = await warehouse_execute("SELECT * FROM raw_data WHERE batch_id = %s", batch_id)
            db.set_result(rows_returned=len(rows))
            db.set_bytes_scanned(rows.bytes_scanned)

        # 2. Process (a plain function instead of the LLM call)
        processed = [analyze_row(row) for row in rows]

        # 3. Write to storage
        with track_storage_operation(system="s3", operation="PUT") as storage:
            storage.set_bucket(s3_bucket)
            payload = json.dumps([asdict(p) for p in processed])
            await asyncio.to_thread(
                s3_client.put_object, Bucket=s3_bucket, Key=f"batch/{batch_id}.json", Body=payload
            )
            storage.set_result(bytes_written=len(payload))
            written["payload"] = len(payload)

        # 4. Write to database
        with track_db_operation(system="postgresql", operation=DBOperation.INSERT) as db:
            with pg_connection.cursor() as cursor:
                await asyncio.to_thread(
                    cursor.executemany,
                    "INSERT INTO processed_data VALUES (%s, %s, %s)",
                    [(r.id, r.result, r.score) for r in processed],
                )
            db.set_result(rows_affected=len(processed))

        # 5. Publish completion event
        with track_messaging_operation(system="sqs", operation="publish", destination="batch-complete") as msg:
            await asyncio.to_thread(
                sqs_client.send_message,
                QueueUrl=queue_url,
                MessageBody=json.dumps({"batch_id": batch_id, "count": len(processed)}),
            )
            msg.set_result(message_count=1)

        emit_outcome("success", value_type="batches_processed", value_amount=1)
        return processed

    processed = asyncio.run(process_batch("batch-42"))
    n = len(RAW_DATA)
    scanned = len(json.dumps(RAW_DATA).encode())

    # the services really received what the spans report
    assert len(processed) == n
    head = s3_client.head_object(Bucket=s3_bucket, Key="batch/batch-42.json")
    assert head["ContentLength"] == written["payload"]
    assert pg_connection.execute("SELECT count(*) FROM processed_data").fetchone()[0] == n
    messages = sqs_client.receive_message(QueueUrl=queue_url, WaitTimeSeconds=1)["Messages"]
    assert json.loads(messages[0]["Body"]) == {"batch_id": "batch-42", "count": n}

    # exactly these spans, all ended
    run = otel.span("botanu.run/ETL Pipeline")
    select = otel.span("SELECT")
    put = otel.span(f"PUT {s3_bucket}")
    insert = otel.span("INSERT")
    publish = otel.span("publish batch-complete")
    assert len(otel.spans()) == 5
    assert otel.counter.started == otel.counter.ended == 5

    # one trace; the run span is the root and the parent of every operation
    assert run.parent is None
    assert run.kind is SpanKind.INTERNAL
    for span in (select, put, insert, publish):
        assert span.context.trace_id == run.context.trace_id
        assert span.parent.span_id == run.context.span_id
        assert span.attributes["botanu.run_id"] == run.attributes["botanu.run_id"]
        assert span.attributes["botanu.workflow"] == "ETL Pipeline"
    assert [s.kind for s in (select, put, insert, publish)] == [SpanKind.CLIENT] * 3 + [SpanKind.PRODUCER]
    assert select.end_time <= put.start_time and put.end_time <= insert.start_time
    assert insert.end_time <= publish.start_time and publish.end_time <= run.end_time

    assert select.attributes["db.system"] == select.attributes["botanu.vendor"] == "snowflake"
    assert select.attributes["db.system.name"] == "other_sql"
    assert select.attributes["db.operation"] == "SELECT"
    assert select.attributes["botanu.warehouse.query_id"] == "batch-42"
    assert select.attributes["botanu.data.rows_returned"] == n
    assert select.attributes["botanu.warehouse.bytes_scanned"] == scanned

    assert put.attributes["botanu.storage.system"] == put.attributes["botanu.vendor"] == "s3"
    assert put.attributes["botanu.storage.operation"] == "PUT"
    assert put.attributes["botanu.storage.bucket"] == put.attributes["aws.s3.bucket"] == s3_bucket
    assert put.attributes["botanu.data.bytes_written"] == head["ContentLength"]

    assert insert.attributes["db.system"] == insert.attributes["botanu.vendor"] == "postgresql"
    assert insert.attributes["db.operation"] == "INSERT"
    assert insert.attributes["botanu.data.rows_affected"] == n

    assert publish.attributes["messaging.system"] == publish.attributes["botanu.vendor"] == "sqs"
    assert publish.attributes["messaging.operation"] == "publish"
    assert publish.attributes["messaging.destination.name"] == "batch-complete"
    assert publish.attributes["botanu.messaging.message_count"] == 1
    assert "messaging.batch.message_count" not in publish.attributes

    # the run's exact totals and its outcome, on the use-case span
    totals = {k: v for k, v in run.attributes.items() if k.startswith("botanu.run.")}
    assert totals == {
        "botanu.run.db.operations": 2,
        "botanu.run.data.rows_returned": n,
        "botanu.run.data.rows_affected": n,
        "botanu.run.data.bytes_read": scanned,  # set_bytes_scanned counts as bytes read too
        "botanu.run.warehouse.bytes_scanned": scanned,
        "botanu.run.storage.operations": 1,
        "botanu.run.storage.bytes_written": written["payload"],
        "botanu.run.messaging.operations": 1,
        "botanu.run.messaging.messages": 1,
        # every total is present, zeros included: "nothing was written" is a fact a cost model can use
        "botanu.run.data.bytes_written": 0,
        "botanu.run.storage.bytes_read": 0,
        "botanu.run.messaging.bytes": 0,
    }
    assert run.attributes["botanu.workflow"] == "ETL Pipeline"
    assert run.attributes["botanu.outcome.status"] == "success"
    assert run.attributes["botanu.outcome.value_type"] == "batches_processed"
    assert run.attributes["botanu.outcome.value_amount"] == 1
    assert [e.name for e in run.events] == ["botanu.outcome_emitted"]
