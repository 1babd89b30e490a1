"""Vendor names: the seed's normalization maps and the OpenTelemetry value names.

``DB_SYSTEMS``, ``STORAGE_SYSTEMS`` and ``MESSAGING_SYSTEMS`` map what a user (or a SQLAlchemy dialect)
calls a system to the one name botanu-data records as ``db.system`` / ``botanu.storage.system`` /
``messaging.system`` and as ``botanu.vendor``. Lookups are case-insensitive; an unknown system passes
through lower-cased, so a new vendor is still attributed rather than dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


def _build(groups: dict[str, tuple[str, ...]]) -> Mapping[str, str]:
    table: dict[str, str] = {}
    for normalized, aliases in groups.items():
        table[normalized] = normalized
        for alias in aliases:
            table[alias] = normalized
    return MappingProxyType(table)


DB_SYSTEMS: Mapping[str, str] = _build(
    {
        "postgresql": ("postgres", "pg", "psycopg", "psycopg2", "asyncpg", "pg8000", "postgresql+psycopg"),
        "mysql": ("pymysql", "mysqldb", "mysqlclient", "aiomysql", "asyncmy", "mysqlconnector"),
        "mariadb": ("mariadbconnector",),
        "sqlite": ("sqlite3", "pysqlite", "aiosqlite"),
        "mssql": ("sqlserver", "sql_server", "microsoft_sql_server", "pyodbc", "pymssql", "tsql"),
        "oracle": ("oracledb", "cx_oracle", "oracle_db"),
        "mongodb": ("mongo", "pymongo", "motor"),
        "dynamodb": ("aws_dynamodb", "dynamo"),
        "redis": ("valkey",),
        "elasticsearch": ("elastic", "es"),
        "opensearch": (),
        "snowflake": (),
        "bigquery": ("google_bigquery", "gcp_bigquery", "bq"),
        "redshift": ("aws_redshift",),
        "cassandra": ("scylla", "scylladb"),
        "databricks": (),
        "athena": ("aws_athena", "awsathena"),
        "clickhouse": (),
        "duckdb": (),
        "cockroachdb": ("cockroach", "crdb"),
        "spanner": ("gcp_spanner", "cloud_spanner"),
        "cosmosdb": ("azure_cosmosdb", "cosmos"),
        "db2": ("ibm_db2", "ibm_db_sa"),
        "trino": ("presto",),
        "teradata": (),
        "hana": ("sap_hana", "saphana"),
        "firebird": ("firebirdsql",),
        "synapse": ("azure_synapse",),
        "memcached": (),
        "neo4j": (),
        "couchbase": (),
        "pinecone": (),
        "weaviate": (),
        "qdrant": (),
        "milvus": (),
        "pgvector": (),
    }
)

STORAGE_SYSTEMS: Mapping[str, str] = _build(
    {
        "s3": ("aws_s3", "amazon_s3"),
        "gcs": ("google_cloud_storage", "gcp_storage", "google_storage"),
        "azure_blob": ("blob", "azure_storage", "azure_blob_storage", "abs"),
        "minio": (),
        "ceph": ("radosgw", "ceph_rgw"),
        "r2": ("cloudflare_r2",),
        "b2": ("backblaze", "backblaze_b2"),
        "wasabi": (),
        "digitalocean_spaces": ("do_spaces", "spaces"),
        "oci_object_storage": ("oracle_object_storage",),
        "hdfs": (),
        "filesystem": ("file", "local", "localfs", "fs"),
    }
)

MESSAGING_SYSTEMS: Mapping[str, str] = _build(
    {
        "sqs": ("aws_sqs",),
        "sns": ("aws_sns",),
        "kinesis": ("aws_kinesis",),
        "eventbridge": ("aws_eventbridge",),
        "pubsub": ("google_pubsub", "gcp_pubsub"),
        "kafka": ("confluent_kafka", "msk", "aws_msk"),
        "rabbitmq": ("amqp", "rabbit"),
        "celery": (),
        "servicebus": ("azure_servicebus", "azure_service_bus", "service_bus"),
        "eventhub": ("eventhubs", "azure_eventhub", "azure_eventhubs", "event_hubs"),
        "eventgrid": ("azure_eventgrid",),
        "nats": ("jetstream", "nats_jetstream"),
        "redis_pubsub": ("redis_streams", "redis_stream"),
        "mqtt": ("mosquitto",),
        "activemq": (),
        "pulsar": ("apache_pulsar",),
        "inproc": ("in_process", "memory", "queue"),
    }
)

# OpenTelemetry's `db.system.name` value where it differs from the seed's `db.system` name; the rest are
# recorded as they are (OTel asks for the lower-case product name when it lists no value).
_OTEL_DB_SYSTEM_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "mssql": "microsoft.sql_server",
        "oracle": "oracle.db",
        "dynamodb": "aws.dynamodb",
        "redshift": "aws.redshift",
        "spanner": "gcp.spanner",
        "cosmosdb": "azure.cosmosdb",
        "db2": "ibm.db2",
        "hana": "sap.hana",
        "firebird": "firebirdsql",
    }
)

# Systems OpenTelemetry does not list that speak SQL: their db.system.name is `other_sql`.
_OTHER_SQL = frozenset({"snowflake", "bigquery", "databricks", "athena", "duckdb", "synapse"})


def _normalize(table: Mapping[str, str], system: str) -> str:
    key = system.strip().lower()
    normalized = table.get(key)
    if normalized is None:
        normalized = table.get(key.replace("-", "_").replace(" ", "_"), key)
    return normalized


def normalize_db_system(system: str) -> str:
    """The seed's normalized name for a database system (unknown names pass through lower-cased)."""
    return _normalize(DB_SYSTEMS, system)


def normalize_storage_system(system: str) -> str:
    """The seed's normalized name for a storage system (unknown names pass through lower-cased)."""
    return _normalize(STORAGE_SYSTEMS, system)


def normalize_messaging_system(system: str) -> str:
    """The seed's normalized name for a messaging system (unknown names pass through lower-cased)."""
    return _normalize(MESSAGING_SYSTEMS, system)


def otel_db_system_name(normalized: str) -> str:
    """OpenTelemetry's ``db.system.name`` value for a normalized database system."""
    if normalized in _OTHER_SQL:
        return "other_sql"
    return _OTEL_DB_SYSTEM_NAMES.get(normalized, normalized)
