"""Session fixtures that hand tests a *real* service to talk to.

Loaded by ``tests/conftest.py`` with ``from _services import *``; only the fixture names in
``__all__`` are exported, the helpers stay importable as ``_services.<name>`` for the resolver's own tests.

Every service is resolved the same way (see :func:`resolve`):

1. ``BOTANU_TEST_<NAME>_URL`` from the environment, used as given (an explicit choice beats any guess);
2. the local server on its standard loopback port, accepted only if a TCP connect *and* a real
   driver-level handshake succeed (a port answering is not proof the service works);
3. a throwaway testcontainers container, when a Docker engine is reachable;
4. otherwise ``pytest.skip`` naming the variable to set -- or ``pytest.fail`` when
   ``BOTANU_TEST_REQUIRE_SERVICES=1``, so CI can never go green by silently skipping.

S3 is the exception: without ``BOTANU_TEST_S3_URL`` it is moto's HTTP server, started in-process.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NoReturn
from urllib.parse import quote, urlsplit

import pytest

__all__ = [
    "mariadb_url",
    "mqtt_url",
    "nats_url",
    "postgres_async_url",
    "postgres_url",
    "rabbitmq_url",
    "redis_url",
    "s3_bucket",
    "s3_client",
    "s3_endpoint",
]

REQUIRE_ENV = "BOTANU_TEST_REQUIRE_SERVICES"
TCP_PROBE_TIMEOUT = 0.5  # loopback answers in microseconds; a closed port must not stall the session
DRIVER_TIMEOUT = 5  # seconds for a real handshake (login, AMQP/MQTT/NATS greeting)


def _unavailable(reason: str) -> NoReturn:
    """Skip, or fail under BOTANU_TEST_REQUIRE_SERVICES=1 (CI sets it: a missing service is a CI error)."""
    if os.environ.get(REQUIRE_ENV, "").strip() not in ("", "0"):
        pytest.fail(f"{reason} [{REQUIRE_ENV} is set, so this is an error, not a skip]", pytrace=False)
    pytest.skip(reason)


# --- driver-level checks: each connects for real and raises on any failure -------------------------


def _check_sqlalchemy(url: str) -> None:
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    timeout = {"connect_timeout": DRIVER_TIMEOUT}  # both psycopg and pymysql take this name
    engine = sa.create_engine(url, poolclass=NullPool, connect_args=timeout)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1")).scalar_one()
    finally:
        engine.dispose()


def _check_rabbitmq(url: str) -> None:
    import pika

    params = pika.URLParameters(url)
    params.socket_timeout = params.blocked_connection_timeout = DRIVER_TIMEOUT
    params.connection_attempts = 1
    pika.BlockingConnection(params).close()


def _check_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=DRIVER_TIMEOUT, socket_timeout=DRIVER_TIMEOUT)
    try:
        client.ping()
    finally:
        client.close()


def _check_nats(url: str) -> None:
    import nats

    async def _roundtrip() -> None:
        nc = await nats.connect(url, connect_timeout=DRIVER_TIMEOUT, allow_reconnect=False, max_reconnect_attempts=0)
        try:
            await nc.flush(timeout=DRIVER_TIMEOUT)  # PING/PONG: the server really speaks NATS
        finally:
            await nc.close()

    asyncio.run(_roundtrip())


def mqtt_connect(url: str, client_id: str = "") -> Any:
    """Connect a paho client and wait for the broker's CONNACK; caller must ``disconnect()``/``loop_stop()``.

    ``connect()`` alone only opens TCP, so readiness is the CONNACK seen by ``on_connect``.
    """
    from paho.mqtt.client import CallbackAPIVersion, Client

    parts = urlsplit(url)
    connected = threading.Event()
    result: list[Any] = []

    def on_connect(client: Any, userdata: Any, flags: Any, reason_code: Any, properties: Any) -> None:
        result.append(reason_code)
        connected.set()

    client = Client(callback_api_version=CallbackAPIVersion.VERSION2, client_id=client_id)
    client.on_connect = on_connect
    if parts.username:
        client.username_pw_set(parts.username, parts.password)
    client.connect(parts.hostname or "127.0.0.1", parts.port or 1883, keepalive=30)
    client.loop_start()
    if not connected.wait(DRIVER_TIMEOUT) or result[0].is_failure:
        client.loop_stop()
        client.disconnect()
        raise ConnectionError(f"no successful CONNACK from {url}: {result[0] if result else 'timeout'}")
    return client


def _check_mqtt(url: str) -> None:
    client = mqtt_connect(url)
    client.disconnect()
    client.loop_stop()


# --- testcontainers fallbacks (imported lazily: most machines never need Docker) -----------------


def _tc(module: str, cls: str) -> Any:
    """testcontainers >= 4.13 moved modules under ``community``; older releases keep the flat path."""
    import importlib

    try:
        return getattr(importlib.import_module(f"testcontainers.community.{module}"), cls)
    except ImportError:
        return getattr(importlib.import_module(f"testcontainers.{module}"), cls)


def _host_port(container: Any, port: int) -> str:
    return f"{container.get_container_host_ip()}:{container.get_exposed_port(port)}"


def _postgres_container() -> tuple[Any, str]:
    c = _tc("postgres", "PostgresContainer")("postgres:16-alpine", driver="psycopg").start()
    return c, c.get_connection_url()


def _mariadb_container() -> tuple[Any, str]:
    c = _tc("mysql", "MySqlContainer")("mariadb:11", dialect="pymysql").start()
    return c, c.get_connection_url()


def _rabbitmq_container() -> tuple[Any, str]:
    c = _tc("rabbitmq", "RabbitMqContainer")("rabbitmq:3-alpine").start()
    return c, f"amqp://{c.username}:{c.password}@{_host_port(c, c.port)}/{quote(c.vhost, safe='')}"


def _redis_container() -> tuple[Any, str]:
    c = _tc("redis", "RedisContainer")("redis:7-alpine").start()
    return c, f"redis://{_host_port(c, 6379)}/0"


def _nats_container() -> tuple[Any, str]:
    c = _tc("nats", "NatsContainer")("nats:2", jetstream=True).start()
    return c, c.nats_uri()


def _mqtt_container() -> tuple[Any, str]:
    c = _tc("mqtt", "MosquittoContainer")("eclipse-mosquitto:2").start()
    return c, f"mqtt://{_host_port(c, 1883)}"


@functools.cache
def docker_available() -> bool:
    """True if a Docker engine answers a ping (cached: asked at most once per session)."""
    try:
        import docker

        client = docker.from_env(timeout=3)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False


# --- the table and the one resolver ------------------------------------------------------------


def _set_driver(drivername: str) -> Callable[[str], str]:
    """Force the SQLAlchemy driver, so ``postgresql://...`` in the env still yields psycopg 3, etc."""

    def normalize(url: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(url).set(drivername=drivername).render_as_string(hide_password=False)

    return normalize


def _as_is(url: str) -> str:
    return url


@dataclass(frozen=True)
class Service:
    name: str
    env: str  # the variable that overrides discovery
    local_url: str  # the machine's own server on its standard port
    check: Callable[[str], None]  # real driver-level connect; raises if the service does not answer
    container: Callable[[], tuple[Any, str]] | None = None  # -> (started container, url)
    normalize: Callable[[str], str] = _as_is


SERVICES: dict[str, Service] = {
    s.name: s
    for s in (
        Service(
            "postgres",
            "BOTANU_TEST_POSTGRES_URL",
            "postgresql+psycopg://postgres@127.0.0.1:5432/test",
            _check_sqlalchemy,
            _postgres_container,
            _set_driver("postgresql+psycopg"),
        ),
        Service(
            "mariadb",
            "BOTANU_TEST_MARIADB_URL",
            "mysql+pymysql://root@127.0.0.1:3306/test",
            _check_sqlalchemy,
            _mariadb_container,
            _set_driver("mysql+pymysql"),
        ),
        Service(
            "rabbitmq",
            "BOTANU_TEST_RABBITMQ_URL",
            "amqp://guest:guest@127.0.0.1:5672/%2F",
            _check_rabbitmq,
            _rabbitmq_container,
        ),
        Service("redis", "BOTANU_TEST_REDIS_URL", "redis://127.0.0.1:6379/0", _check_redis, _redis_container),
        Service("nats", "BOTANU_TEST_NATS_URL", "nats://127.0.0.1:4222", _check_nats, _nats_container),
        Service("mqtt", "BOTANU_TEST_MQTT_URL", "mqtt://127.0.0.1:1883", _check_mqtt, _mqtt_container),
    )
}


def _tcp_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=TCP_PROBE_TIMEOUT):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def resolve(svc: Service) -> Iterator[str]:
    """Yield a URL for ``svc`` (env -> local -> container), stopping any container on exit; else skip/fail."""
    if env_url := os.environ.get(svc.env, "").strip():
        yield svc.normalize(env_url)
        return

    parts = urlsplit(svc.local_url)
    where = f"{parts.hostname}:{parts.port}"
    if not _tcp_open(parts.hostname or "127.0.0.1", parts.port or 0):
        local = f"nothing listens on {where}"
    else:
        try:
            svc.check(svc.local_url)
        except Exception as exc:  # any driver error means "not usable", and the reason goes in the message
            local = f"{where} is open but the {svc.name} handshake failed ({type(exc).__name__}: {exc})"
        else:
            yield svc.local_url
            return

    if svc.container is not None and docker_available():
        try:
            container, url = svc.container()
        except Exception as exc:
            _unavailable(f"{svc.name}: {local}, and its container failed to start ({exc}); set {svc.env}")
        try:
            yield url
        finally:
            container.stop()
        return

    _unavailable(
        f"{svc.name} unavailable: {svc.env} is unset, {local}, and no Docker engine is reachable; "
        f"start {svc.name} or set {svc.env}"
    )


def _service_fixture(name: str) -> Any:
    svc = SERVICES[name]

    @pytest.fixture(scope="session", name=f"{name}_url")
    def _fixture() -> Iterator[str]:
        with resolve(svc) as url:
            yield url

    _fixture.__doc__ = f"URL of a live {name} ({svc.env}, else {svc.local_url}, else a container, else skip)."
    return _fixture


postgres_url = _service_fixture("postgres")
mariadb_url = _service_fixture("mariadb")
rabbitmq_url = _service_fixture("rabbitmq")
redis_url = _service_fixture("redis")
nats_url = _service_fixture("nats")
mqtt_url = _service_fixture("mqtt")


@pytest.fixture(scope="session")
def postgres_async_url(postgres_url: str) -> str:
    """The same database as ``postgres_url``, through asyncpg."""
    return _set_driver("postgresql+asyncpg")(postgres_url)


# --- S3: env endpoint, else moto's real HTTP server in this process ---------------------------------

S3_ENV = "BOTANU_TEST_S3_URL"
S3_REGION = "us-east-1"


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """An S3-compatible HTTP endpoint: ``BOTANU_TEST_S3_URL``, else moto's server on a free loopback port."""
    if env_url := os.environ.get(S3_ENV, "").strip():
        yield env_url
        return
    try:
        from moto.server import ThreadedMotoServer  # noqa: F401 - only: is moto[server] installed?
    except ImportError as exc:
        _unavailable(
            f"s3: {S3_ENV} is unset and moto[server] is not importable ({exc}); "
            f"pip install -e '.[test]' or set {S3_ENV}"
        )
    with moto_server() as url:
        yield url


@contextlib.contextmanager
def moto_server() -> Iterator[str]:
    """moto's real HTTP server (S3, SQS, ... all answer there) on a free loopback port, for one block."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)  # port 0: never collides
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_client(s3_endpoint: str) -> Any:
    """A boto3 S3 client for ``s3_endpoint``; credentials passed explicitly so os.environ stays untouched."""
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=S3_REGION,
        aws_access_key_id=os.environ.get("BOTANU_TEST_S3_ACCESS_KEY", "testing"),
        aws_secret_access_key=os.environ.get("BOTANU_TEST_S3_SECRET_KEY", "testing"),
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),  # IP endpoints need path
    )


@pytest.fixture
def s3_bucket(s3_client: Any) -> Iterator[str]:
    """A fresh, uniquely named bucket; emptied and deleted afterwards (safe on a shared real endpoint)."""
    name = f"botanu-test-{uuid.uuid4().hex[:16]}"
    s3_client.create_bucket(Bucket=name)
    try:
        yield name
    finally:
        paginator = s3_client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=name):
            keys = [{"Key": obj["Key"]} for obj in page.get("Contents", [])]
            if keys:
                s3_client.delete_objects(Bucket=name, Delete={"Objects": keys})
        s3_client.delete_bucket(Bucket=name)


@contextlib.contextmanager
def scratch_table(url: str, prefix: str, columns: str, *fill: str) -> Iterator[str]:
    """A table of one test only (the databases are shared), created, filled with the ``fill`` statements
    (``{table}`` is replaced) and dropped through an engine that is *not* instrumented."""
    import sqlalchemy

    table = f"{prefix}_{uuid.uuid4().hex[:12]}"
    setup = sqlalchemy.create_engine(url)
    try:
        with setup.begin() as conn:
            conn.exec_driver_sql(f"CREATE TABLE {table} ({columns})")
            for statement in fill:
                conn.exec_driver_sql(statement.format(table=table))
        yield table
    finally:
        with setup.begin() as conn:
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
        setup.dispose()
