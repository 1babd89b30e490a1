"""Vendor normalization: every row of the seed's three tables, the extra vendors, and db.system.name values."""

from __future__ import annotations

import pytest
from conftest import Telemetry

from botanu_data import (
    DB_SYSTEMS,
    MESSAGING_SYSTEMS,
    STORAGE_SYSTEMS,
    track_db_operation,
    track_messaging_operation,
    track_storage_operation,
)
from botanu_data.systems import (
    normalize_db_system,
    normalize_messaging_system,
    normalize_storage_system,
    otel_db_system_name,
)

# The seed's "System Normalization" tables, row by row: (input, normalized).
SEED_DB_ROWS = [
    ("postgresql", "postgresql"), ("postgres", "postgresql"), ("pg", "postgresql"),
    ("mysql", "mysql"),
    ("mongodb", "mongodb"), ("mongo", "mongodb"),
    ("dynamodb", "dynamodb"),
    ("redis", "redis"),
    ("elasticsearch", "elasticsearch"),
    ("snowflake", "snowflake"),
    ("bigquery", "bigquery"),
    ("redshift", "redshift"),
]
SEED_STORAGE_ROWS = [
    ("s3", "s3"), ("aws_s3", "s3"),
    ("gcs", "gcs"), ("google_cloud_storage", "gcs"),
    ("blob", "azure_blob"), ("azure_blob", "azure_blob"),
    ("minio", "minio"),
]
SEED_MESSAGING_ROWS = [
    ("sqs", "sqs"), ("aws_sqs", "sqs"),
    ("sns", "sns"),
    ("kinesis", "kinesis"),
    ("pubsub", "pubsub"), ("google_pubsub", "pubsub"),
    ("kafka", "kafka"),
    ("rabbitmq", "rabbitmq"),
    ("celery", "celery"),
]

# The common rest that issue 2 names beyond the seed.
EXTRA_DB_ROWS = [
    ("mariadb", "mariadb"), ("mssql", "mssql"), ("sqlserver", "mssql"), ("oracle", "oracle"),
    ("sqlite", "sqlite"), ("cassandra", "cassandra"), ("dynamodb", "dynamodb"), ("databricks", "databricks"),
    ("athena", "athena"), ("clickhouse", "clickhouse"), ("duckdb", "duckdb"), ("cockroachdb", "cockroachdb"),
]
EXTRA_STORAGE_ROWS = [("ceph", "ceph"), ("r2", "r2")]
EXTRA_MESSAGING_ROWS = [
    ("eventbridge", "eventbridge"), ("servicebus", "servicebus"), ("azure_servicebus", "servicebus"),
    ("eventhub", "eventhub"), ("nats", "nats"), ("redis_pubsub", "redis_pubsub"),
]


@pytest.mark.parametrize(("given", "normalized"), SEED_DB_ROWS + EXTRA_DB_ROWS)
def test_db_systems(given: str, normalized: str) -> None:
    assert DB_SYSTEMS[given] == normalized
    assert normalize_db_system(given) == normalized


@pytest.mark.parametrize(("given", "normalized"), SEED_STORAGE_ROWS + EXTRA_STORAGE_ROWS)
def test_storage_systems(given: str, normalized: str) -> None:
    assert STORAGE_SYSTEMS[given] == normalized
    assert normalize_storage_system(given) == normalized


@pytest.mark.parametrize(("given", "normalized"), SEED_MESSAGING_ROWS + EXTRA_MESSAGING_ROWS)
def test_messaging_systems(given: str, normalized: str) -> None:
    assert MESSAGING_SYSTEMS[given] == normalized
    assert normalize_messaging_system(given) == normalized


def test_every_normalized_name_maps_to_itself() -> None:
    for table in (DB_SYSTEMS, STORAGE_SYSTEMS, MESSAGING_SYSTEMS):
        for normalized in set(table.values()):
            assert table[normalized] == normalized


def test_maps_are_read_only() -> None:
    with pytest.raises(TypeError):
        DB_SYSTEMS["x"] = "y"  # type: ignore[index]


@pytest.mark.parametrize(
    ("normalize", "given", "normalized"),
    [
        (normalize_db_system, "PostgreSQL", "postgresql"),
        (normalize_db_system, "PG", "postgresql"),
        (normalize_db_system, "Mongo", "mongodb"),
        (normalize_db_system, "SQLServer", "mssql"),
        (normalize_storage_system, "AWS_S3", "s3"),
        (normalize_storage_system, "Google_Cloud_Storage", "gcs"),
        (normalize_storage_system, "BLOB", "azure_blob"),
        (normalize_messaging_system, "Google_PubSub", "pubsub"),
        (normalize_messaging_system, "RabbitMQ", "rabbitmq"),
        (normalize_messaging_system, "Azure_ServiceBus", "servicebus"),
    ],
)
def test_normalization_is_case_insensitive(normalize: object, given: str, normalized: str) -> None:
    assert normalize(given) == normalized  # type: ignore[operator]


@pytest.mark.parametrize(
    "normalize", [normalize_db_system, normalize_storage_system, normalize_messaging_system]
)
def test_unknown_system_passes_through_lower_cased(normalize: object) -> None:
    assert normalize("AcmeVectorStore") == "acmevectorstore"  # type: ignore[operator]


def test_trackers_record_normalized_system_and_vendor(otel: Telemetry) -> None:
    with track_db_operation("Postgres", "SELECT"):
        pass
    with track_storage_operation("Azure_Blob", "GET", bucket="c"):
        pass
    with track_messaging_operation("AWS_SQS", "publish", destination="q"):
        pass
    with track_db_operation("NewSQL-Thing", "INSERT"):
        pass
    db = otel.span("SELECT").attributes
    assert db["db.system"] == db["botanu.vendor"] == "postgresql"
    storage = otel.span("GET c").attributes
    assert storage["botanu.storage.system"] == storage["botanu.vendor"] == "azure_blob"
    messaging = otel.span("publish q").attributes
    assert messaging["messaging.system"] == messaging["botanu.vendor"] == "sqs"
    unknown = otel.span("INSERT").attributes
    assert unknown["db.system"] == unknown["botanu.vendor"] == "newsql-thing"


# OpenTelemetry's db.system.name values (semantic conventions, database registry).
OTEL_DB_SYSTEM_NAMES = [
    ("postgresql", "postgresql"), ("mysql", "mysql"), ("mariadb", "mariadb"), ("sqlite", "sqlite"),
    ("mongodb", "mongodb"), ("redis", "redis"), ("elasticsearch", "elasticsearch"), ("cassandra", "cassandra"),
    ("clickhouse", "clickhouse"), ("cockroachdb", "cockroachdb"), ("trino", "trino"),
    ("mssql", "microsoft.sql_server"), ("sqlserver", "microsoft.sql_server"), ("oracle", "oracle.db"),
    ("dynamodb", "aws.dynamodb"), ("redshift", "aws.redshift"), ("spanner", "gcp.spanner"),
    ("cosmosdb", "azure.cosmosdb"), ("db2", "ibm.db2"), ("hana", "sap.hana"), ("firebird", "firebirdsql"),
    # SQL systems OpenTelemetry does not list
    ("snowflake", "other_sql"), ("bigquery", "other_sql"), ("databricks", "other_sql"), ("athena", "other_sql"),
    ("duckdb", "other_sql"),
]


@pytest.mark.parametrize(("given", "otel_name"), OTEL_DB_SYSTEM_NAMES)
def test_db_system_name_uses_opentelemetry_values(otel: Telemetry, given: str, otel_name: str) -> None:
    normalized = normalize_db_system(given)
    assert otel_db_system_name(normalized) == otel_name
    with track_db_operation(given, "SELECT"):
        pass
    attributes = otel.span("SELECT").attributes
    assert attributes["db.system.name"] == otel_name
    assert attributes["db.system"] == attributes["botanu.vendor"] == normalized  # the seed's name is kept


def test_unknown_db_system_name_is_the_lower_case_name() -> None:
    assert otel_db_system_name(normalize_db_system("InfluxDB")) == "influxdb"
