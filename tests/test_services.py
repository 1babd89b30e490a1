"""Each resolved service really answers, and the resolver itself (env -> local -> container -> skip/fail)."""

from __future__ import annotations

import asyncio
import socket
import threading
import uuid
from typing import Any

import _services
import pytest
import sqlalchemy as sa
from _services import REQUIRE_ENV, Service, mqtt_connect, resolve
from sqlalchemy.pool import NullPool

# --- every service answers through its real client ------------------------------------------------


def _select_one(url: str) -> int:
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT 1")).scalar_one()
    finally:
        engine.dispose()


def test_postgres_psycopg(postgres_url: str) -> None:
    assert sa.engine.make_url(postgres_url).drivername == "postgresql+psycopg"
    assert _select_one(postgres_url) == 1


def test_postgres_asyncpg(postgres_async_url: str) -> None:
    from sqlalchemy.ext.asyncio import create_async_engine

    async def run() -> int:
        engine = create_async_engine(postgres_async_url, poolclass=NullPool)
        try:
            async with engine.connect() as conn:
                return (await conn.execute(sa.text("SELECT 1"))).scalar_one()
        finally:
            await engine.dispose()

    assert sa.engine.make_url(postgres_async_url).drivername == "postgresql+asyncpg"
    assert asyncio.run(run()) == 1


def test_mariadb(mariadb_url: str) -> None:
    assert sa.engine.make_url(mariadb_url).drivername == "mysql+pymysql"
    assert _select_one(mariadb_url) == 1


def test_s3_put_get(s3_client: Any, s3_bucket: str) -> None:
    s3_client.put_object(Bucket=s3_bucket, Key="a/b.txt", Body=b"hello")
    assert s3_client.get_object(Bucket=s3_bucket, Key="a/b.txt")["Body"].read() == b"hello"


def test_rabbitmq_publish_consume(rabbitmq_url: str) -> None:
    import pika

    conn = pika.BlockingConnection(pika.URLParameters(rabbitmq_url))
    try:
        ch = conn.channel()
        queue = ch.queue_declare(queue="", exclusive=True).method.queue  # broker-named, gone on close
        ch.basic_publish(exchange="", routing_key=queue, body=b"ping")
        body = None
        for _ in range(50):  # basic_get may race the publish by a few ms
            _method, _props, body = ch.basic_get(queue, auto_ack=True)
            if body is not None:
                break
            conn.sleep(0.05)
        assert body == b"ping"
    finally:
        conn.close()


def test_redis_ping(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        assert client.ping() is True
        key = f"botanu-test:{uuid.uuid4().hex}"
        client.set(key, b"v", ex=60)
        assert client.get(key) == b"v"
        client.delete(key)
    finally:
        client.close()


def test_nats_publish_subscribe(nats_url: str) -> None:
    import nats

    async def run() -> bytes:
        nc = await nats.connect(nats_url, allow_reconnect=False)
        try:
            subject = f"botanu.test.{uuid.uuid4().hex}"
            sub = await nc.subscribe(subject)
            await nc.publish(subject, b"ping")
            return (await sub.next_msg(timeout=5)).data
        finally:
            await nc.close()

    assert asyncio.run(run()) == b"ping"


def test_mqtt_publish_subscribe(mqtt_url: str) -> None:
    topic = f"botanu/test/{uuid.uuid4().hex}"
    got: list[bytes] = []
    arrived, subscribed = threading.Event(), threading.Event()
    client = mqtt_connect(mqtt_url)
    try:
        client.on_subscribe = lambda *_args: subscribed.set()
        client.on_message = lambda _c, _u, msg: (got.append(msg.payload), arrived.set())
        client.subscribe(topic, qos=1)
        assert subscribed.wait(5), "no SUBACK"
        client.publish(topic, b"ping", qos=1)
        assert arrived.wait(5), "message not delivered"
        assert got == [b"ping"]
    finally:
        client.disconnect()
        client.loop_stop()


# --- the resolver ------------------------------------------------------------------------------


def _free_port() -> int:
    """A loopback port with nothing listening (bound then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _must_not_run(url: str) -> None:
    raise AssertionError(f"check should not have been called for {url}")


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No Docker and no require-flag unless a test says so, whatever the outer environment is."""
    monkeypatch.setattr(_services, "docker_available", lambda: False)
    monkeypatch.delenv(REQUIRE_ENV, raising=False)
    monkeypatch.delenv("BOTANU_TEST_FAKE_URL", raising=False)
    return monkeypatch


def _fake(check: Any = _must_not_run, container: Any = None, port: int | None = None) -> Service:
    port = port or _free_port()
    return Service("fake", "BOTANU_TEST_FAKE_URL", f"fake://127.0.0.1:{port}/x", check, container)


def test_env_var_wins(isolated: pytest.MonkeyPatch) -> None:
    isolated.setenv("BOTANU_TEST_FAKE_URL", "fake://elsewhere:1/y")
    with resolve(_fake()) as url:  # neither the local check nor a container is tried
        assert url == "fake://elsewhere:1/y"


def test_env_url_is_normalized_to_the_contract_driver(isolated: pytest.MonkeyPatch) -> None:
    svc = _services.SERVICES["postgres"]
    isolated.setenv(svc.env, "postgresql://u:p%40ss@db.example:5433/app")
    with resolve(svc) as url:
        assert url == "postgresql+psycopg://u:p%40ss@db.example:5433/app"


def test_local_service_used_when_it_answers(isolated: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    with socket.create_server(("127.0.0.1", 0)) as listener:
        svc = _fake(check=seen.append, port=listener.getsockname()[1])
        with resolve(svc) as url:
            assert url == svc.local_url
    assert seen == [svc.local_url]


def test_unreachable_without_docker_skips(isolated: pytest.MonkeyPatch) -> None:
    with pytest.raises(pytest.skip.Exception, match="BOTANU_TEST_FAKE_URL") as info, resolve(_fake()):
        pass
    assert "nothing listens" in str(info.value)


def test_unreachable_fails_when_services_are_required(isolated: pytest.MonkeyPatch) -> None:
    isolated.setenv(REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="BOTANU_TEST_FAKE_URL"), resolve(_fake()):
        pass


def test_open_port_with_failing_handshake_is_not_accepted(isolated: pytest.MonkeyPatch) -> None:
    def bad_handshake(url: str) -> None:
        raise ConnectionError("not the protocol we expected")

    with socket.create_server(("127.0.0.1", 0)) as listener:
        svc = _fake(check=bad_handshake, port=listener.getsockname()[1])
        with pytest.raises(pytest.skip.Exception, match="not the protocol we expected"), resolve(svc):
            pass


def test_container_fallback_is_started_and_stopped(isolated: pytest.MonkeyPatch) -> None:
    class FakeContainer:
        stopped = False

        def stop(self) -> None:
            self.stopped = True

    box = FakeContainer()
    isolated.setattr(_services, "docker_available", lambda: True)
    with resolve(_fake(container=lambda: (box, "fake://container:32768/x"))) as url:
        assert url == "fake://container:32768/x"
        assert not box.stopped
    assert box.stopped
