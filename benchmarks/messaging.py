"""Per-message cost of the messaging helpers, next to the matching opentelemetry-instrumentation package.

For each client, three configurations send the same messages through real clients: ``bare`` (no
instrumentation), ``contrib`` (opentelemetry-instrumentation-pika / -redis / -celery / -confluent-kafka) and
``botanu`` (botanu_data.integrations). They run in many short rounds, interleaved in a rotating order, so the
configurations compared within a round ran back to back on the same machine state (see overhead.py for why).
A fourth, ``carry`` (pika, redis
xadd, kafka), is the bare client sending the same messages with the current context injected into their
headers/fields and no span: what carrying the context costs the client itself (encoding, bytes on the wire,
a stored stream field), paid by every instrumentation that propagates. A fifth, ``floor``, is ``carry`` (redis
publish: the bare publish) with one SDK span made current around each message: the least any
span-per-message instrumentation with propagation adds to that client, measured in place, among the client's
own work; for Celery, whose sends this cannot wrap one by one, the floor is receivers on the same signals
making one span per send (context injected into the task's headers) and per execution (context extracted
and made current), and nothing else. Printed per client: the median µs per
message of ``bare``, the µs each instrumentation adds per message (median over rounds of its difference from
``bare`` in the same round; the floor's own time), and botanu's added cost over contrib's and over the
floor's, paired by round (1 + the median per-round difference over the reference's median). Every span goes
to a BatchSpanProcessor with a discarding exporter (all sampled, or 1% of requests with ParentBased); botanu
also keeps its counters. Messages are sent 10 per parent span (a request; ``--in-use-case``: a use_case,
whose run every message is then attributed to), for every configuration alike.

Brokers: RabbitMQ and Redis on 127.0.0.1 (``--rabbitmq``, ``--redis``); Kafka is librdkafka's mock cluster
(produce only queues locally: the delivery callbacks run in ``flush``, inside the measured time); Celery
publishes to kombu's in-memory transport and executes with ``apply()`` (the same signals a worker sends).

    python benchmarks/messaging.py [--rounds 15] [--messages 200] [--only pika,redis,celery,kafka] [--cpu-time]
                                   [--in-use-case]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from opentelemetry import propagate
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased
from opentelemetry.trace import SpanKind, Tracer

from botanu_data import configure, use_case
from botanu_data.providers import reset_configuration


class DiscardingExporter(SpanExporter):
    def export(self, spans: Sequence) -> SpanExportResult:
        return SpanExportResult.SUCCESS


@dataclass
class Config:
    """One way of sending ``n`` messages; ``enter``/``leave`` switch process-wide instrumentation on and off
    around its turn (contrib redis and celery patch classes and signals, not one client)."""

    send: Callable[[int], None]
    enter: Callable[[], None] = lambda: None
    leave: Callable[[], None] = lambda: None
    per_round: list[float] = field(default_factory=list)  # µs per message, one value per round
    carries_context: bool = True  # contrib's redis adds no context to stream entries: nothing carried to subtract


MESSAGES_PER_REQUEST = 10


# ``--in-use-case``: each request is a use_case (its run attributed to every message), for every configuration
IN_USE_CASE = False

# what a round is timed on: wall time, or (``--cpu-time``) this thread's CPU time, which other processes on a
# busy machine disturb much less (work the span processor's thread does is then left out, for every config)
CLOCK = time.perf_counter


def measure(configs: dict[str, Config], messages: int, rounds: int, tracer: Tracer) -> None:
    """Each configuration sends ``messages`` per round, ``MESSAGES_PER_REQUEST`` under one parent span (a
    request): what a service does, and what lets the sampler's decision for the parent apply to them."""
    names = list(configs)

    def send(config: Config) -> None:
        for _ in range(messages // MESSAGES_PER_REQUEST):
            with use_case("bench request") if IN_USE_CASE else tracer.start_as_current_span("request"):
                config.send(MESSAGES_PER_REQUEST)

    for name in names:  # warm-up: imports, connections, caches
        configs[name].enter()
        send(configs[name])
        configs[name].leave()
    gc.collect()
    gc.freeze()
    for index in range(rounds):
        order = names[index % len(names):] + names[:index % len(names)]
        for name in order:
            config = configs[name]
            config.enter()
            started = CLOCK()
            send(config)
            config.per_round.append((CLOCK() - started) * 1e6 / messages)
            config.leave()
    gc.unfreeze()


def paired_ratio(added: dict[str, list[float]], name: str, reference: str) -> float:
    """1 + the median over rounds of (name's added cost - reference's), over the reference's median."""
    difference = statistics.median(a - b for a, b in zip(added[name], added[reference], strict=True))
    return 1 + difference / statistics.median(added[reference])


def report(client: str, configs: dict[str, Config]) -> tuple[float, float, float]:
    bare = configs["bare"].per_round
    added = {name: [a - b for a, b in zip(configs[name].per_round, bare, strict=True)]
             for name in ("contrib", "botanu")}
    floor = configs["floor"]
    added["floor"] = [a - b for a, b in zip(floor.per_round, bare, strict=True)]
    medians = {name: statistics.median(values) for name, values in added.items()}
    to_contrib, to_floor = paired_ratio(added, "botanu", "contrib"), paired_ratio(added, "botanu", "floor")
    beyond = ""
    if "carry" in configs:  # each instrumentation's own cost, beyond what carrying the context costs the client
        carry = [c - b for c, b in zip(configs["carry"].per_round, bare, strict=True)]
        contrib_carry = carry if configs["contrib"].carries_context else [0.0] * len(carry)
        own = {"botanu": [a - c for a, c in zip(added["botanu"], carry, strict=True)],
               "contrib": [a - c for a, c in zip(added["contrib"], contrib_carry, strict=True)]}
        beyond = (f"  carry +{statistics.median(carry):5.1f}; beyond it botanu/contrib "
                  f"{statistics.median(own['botanu']) / statistics.median(own['contrib']):4.2f}")
    print(f"{client:<18} bare {statistics.median(bare):7.1f} µs/msg  added: floor +{medians['floor']:5.1f}  "
          f"contrib +{medians['contrib']:5.1f}  botanu +{medians['botanu']:5.1f}   botanu/contrib {to_contrib:4.2f}  "
          f"botanu/floor {to_floor:4.2f}{beyond}")
    return to_contrib, to_floor, paired_ratio(added, "floor", "contrib")


def in_situ_floor(one: Callable[[], None], tracer_provider: TracerProvider,
                  after: Callable[[], None] = lambda: None) -> Config:
    """``floor`` in place: each message ``one()`` sends (with the context, where it carries it) inside one SDK
    span made current -- what any span-per-message instrumentation adds to this client, measured among the
    client's own work (which leaves the CPU caches colder than a tight loop does)."""
    tracer = tracer_provider.get_tracer("floor")

    def send(n: int) -> None:
        for _ in range(n):
            with tracer.start_as_current_span("publish", kind=SpanKind.PRODUCER):
                one()
        after()

    return Config(send)


def carried(one: Callable[[], None], tracer_provider: TracerProvider,
            after: Callable[[], None] = lambda: None) -> dict[str, Config]:
    """``carry`` (the bare client sending each message with the current context injected, no span) and the
    in-place ``floor`` (the same inside one span per message)."""
    def send(n: int) -> None:
        for _ in range(n):
            one()
        after()

    return {"carry": Config(send), "floor": in_situ_floor(one, tracer_provider, after)}


# -- clients ------------------------------------------------------------------------------------------------

def pika_configs(url: str, tracer_provider: TracerProvider) -> tuple[dict[str, Config], Callable[[], None]]:
    import pika
    from opentelemetry.instrumentation.pika import PikaInstrumentor

    from botanu_data.integrations.pika import instrument_channel

    connection = pika.BlockingConnection(pika.URLParameters(url))
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    channels = {name: connection.channel() for name in ("bare", "contrib", "botanu")}
    channels["bare"].queue_declare(queue, auto_delete=True)
    PikaInstrumentor.instrument_channel(channels["contrib"], tracer_provider=tracer_provider)
    instrument_channel(channels["botanu"])
    body = b'{"order": 1}'

    def sender(channel: object) -> Callable[[int], None]:
        def send(n: int) -> None:
            for _ in range(n):
                channel.basic_publish("", queue, body)  # type: ignore[attr-defined]
        return send

    def carry_one() -> None:
        headers: dict[str, str] = {}
        propagate.inject(headers)
        channels["bare"].basic_publish("", queue, body, pika.BasicProperties(headers=headers))

    def close() -> None:
        channels["bare"].queue_delete(queue)
        connection.close()

    configs = {name: Config(sender(channel)) for name, channel in channels.items()}
    return {**configs, **carried(carry_one, tracer_provider)}, close


def redis_configs(url: str, tracer_provider: TracerProvider, command: str) -> tuple[dict[str, Config], Callable]:
    import redis
    from opentelemetry.instrumentation.redis import RedisInstrumentor

    from botanu_data.integrations.redis import instrument_client

    clients = {name: redis.Redis.from_url(url) for name in ("bare", "contrib", "botanu")}
    instrument_client(clients["botanu"])
    key = f"bench-{uuid.uuid4().hex[:8]}"
    contrib = RedisInstrumentor()

    def sender(client: redis.Redis) -> Callable[[int], None]:
        def send(n: int) -> None:
            if command == "publish":
                for _ in range(n):
                    client.publish(key, b'{"order": 1}')
            else:
                for _ in range(n):
                    client.xadd(key, {"order": "1"}, maxlen=1000)
        return send

    configs = {name: Config(sender(client)) for name, client in clients.items()}
    if command == "xadd":
        def carry_one() -> None:
            fields = {"order": "1"}
            propagate.inject(fields)
            clients["bare"].xadd(key, fields, maxlen=1000)

        configs.update(carried(carry_one, tracer_provider))
        configs["contrib"].carries_context = False
    else:  # a pub/sub message has no headers: the floor is the span alone, around the bare publish
        configs["floor"] = in_situ_floor(lambda: clients["bare"].publish(key, b'{"order": 1}'), tracer_provider)
    configs["contrib"].enter = lambda: contrib.instrument(tracer_provider=tracer_provider)
    configs["contrib"].leave = contrib.uninstrument

    def close() -> None:
        clients["bare"].delete(key)
        for client in clients.values():
            client.close()

    return configs, close


def celery_configs(tracer_provider: TracerProvider, part: str) -> tuple[dict[str, Config], Callable]:
    import celery
    from opentelemetry.instrumentation.celery import CeleryInstrumentor

    from botanu_data.integrations.celery import instrument_celery, uninstrument_celery

    app = celery.Celery("bench", broker="memory://", set_as_current=False)

    @app.task(name="bench.add")
    def add(a: int, b: int) -> int:
        return a + b

    def send(n: int) -> None:
        if part == "publish":
            for i in range(n):
                add.apply_async((i, 1))
        else:
            for i in range(n):
                add.apply((i, 1))

    contrib = CeleryInstrumentor()
    configs = {name: Config(send) for name in ("bare", "contrib", "botanu", "floor")}
    configs["contrib"].enter = lambda: contrib.instrument(tracer_provider=tracer_provider)
    configs["contrib"].leave = contrib.uninstrument
    configs["botanu"].enter = lambda: instrument_celery(app)
    configs["botanu"].leave = uninstrument_celery
    configs["floor"].enter, configs["floor"].leave = _celery_floor(tracer_provider.get_tracer("floor"))

    def close() -> None:
        with app.connection_for_write() as connection:
            connection.default_channel.queue_purge(app.conf.task_default_queue)
        app.close()

    return configs, close


def _celery_floor(tracer: Tracer) -> tuple[Callable[[], None], Callable[[], None]]:
    """The in-place floor of a signal-based Celery instrumentation: receivers on the same signals that make one
    SDK span per send (the context injected into the task's headers) and one per execution (the context
    extracted from the request, made current while the task runs), and nothing else."""
    from celery import signals
    from opentelemetry import context as context_api
    from opentelemetry import trace

    open_spans: dict[str, tuple[Any, Any]] = {}

    def before_publish(headers: Any = None, **_: Any) -> None:
        span = tracer.start_span("publish", kind=SpanKind.PRODUCER)
        propagate.inject(headers, trace.set_span_in_context(span))
        open_spans[headers["id"]] = (span, None)

    def after_publish(headers: Any = None, **_: Any) -> None:
        open_spans.pop(headers["id"])[0].end()

    def prerun(task_id: Any = None, task: Any = None, **_: Any) -> None:
        parent = propagate.extract(vars(task.request))
        span = tracer.start_span("consume", parent, kind=SpanKind.CONSUMER)
        open_spans[task_id] = (span, context_api.attach(trace.set_span_in_context(span, parent)))

    def postrun(task_id: Any = None, **_: Any) -> None:
        span, token = open_spans.pop(task_id)
        context_api.detach(token)
        span.end()

    receivers = ((signals.before_task_publish, before_publish), (signals.after_task_publish, after_publish),
                 (signals.task_prerun, prerun), (signals.task_postrun, postrun))

    def enter() -> None:
        for signal, receiver in receivers:
            signal.connect(receiver, weak=False, dispatch_uid="bench.floor")

    def leave() -> None:
        for signal, _ in receivers:
            signal.disconnect(dispatch_uid="bench.floor")

    return enter, leave


def kafka_configs(tracer_provider: TracerProvider) -> tuple[dict[str, Config], Callable]:
    import confluent_kafka
    from opentelemetry.instrumentation.confluent_kafka import ConfluentKafkaInstrumentor

    from botanu_data.integrations.kafka import instrument_producer

    cluster = confluent_kafka.Producer({"test.mock.num.brokers": 1, "log_level": 3})
    broker = next(iter(cluster.list_topics(timeout=10).brokers.values()))
    settings = {"bootstrap.servers": f"{broker.host}:{broker.port}", "linger.ms": 0, "log_level": 3}
    producers = {
        "bare": confluent_kafka.Producer(settings),
        "contrib": ConfluentKafkaInstrumentor.instrument_producer(confluent_kafka.Producer(settings),
                                                                  tracer_provider=tracer_provider),
        "botanu": instrument_producer(confluent_kafka.Producer(settings)),
    }
    topic = f"bench-{uuid.uuid4().hex[:8]}"

    def sender(producer: object) -> Callable[[int], None]:
        def send(n: int) -> None:
            for _ in range(n):
                producer.produce(topic, b'{"order": 1}', on_delivery=_ignore)  # type: ignore[attr-defined]
            producer.flush(10)  # type: ignore[attr-defined]
        return send

    def carry_one() -> None:
        headers: dict[str, str] = {}
        propagate.inject(headers)
        producers["bare"].produce(topic, b'{"order": 1}', headers=list(headers.items()), on_delivery=_ignore)

    def close() -> None:
        cluster.flush(5)

    configs = {name: Config(sender(producer)) for name, producer in producers.items()}
    return {**configs, **carried(carry_one, tracer_provider, lambda: producers["bare"].flush(10))}, close


def _ignore(error: object, msg: object) -> None:
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--messages", type=int, default=200, help="messages per configuration per round")
    parser.add_argument("--only", default="pika,redis,celery,kafka")
    parser.add_argument("--rabbitmq", default="amqp://guest:guest@127.0.0.1:5672/%2F")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--cpu-time", action="store_true", help="time rounds on this thread's CPU clock")
    parser.add_argument("--in-use-case", action="store_true", help="each request in a use_case, for every config")
    args = parser.parse_args()
    global CLOCK, IN_USE_CASE
    if args.cpu_time:
        CLOCK = time.thread_time
    IN_USE_CASE = args.in_use_case

    chosen = set(args.only.split(","))
    summary: dict[str, dict[str, tuple[float, float, float]]] = {}
    scenarios = (("100% sampling", None), ("1% sampling (ParentBased)", ParentBased(TraceIdRatioBased(0.01))))
    for title, sampler in scenarios:
        tracer_provider = TracerProvider(sampler=sampler) if sampler else TracerProvider()
        tracer_provider.add_span_processor(BatchSpanProcessor(DiscardingExporter(), max_queue_size=100_000))
        meter_provider = MeterProvider(metric_readers=[InMemoryMetricReader()])
        configure(tracer_provider=tracer_provider, meter_provider=meter_provider)
        print(f"== {title}: {args.rounds} rounds x {args.messages} messages per configuration, interleaved; medians")
        summary[title] = {}
        for client, make in cases(chosen, args, tracer_provider):
            configs, close = make()
            try:
                tracer = tracer_provider.get_tracer("bench")
                measure(configs, args.messages, args.rounds, tracer)
                summary[title][client] = report(client, configs)
            finally:
                close()
        reset_configuration()
        tracer_provider.shutdown()
        meter_provider.shutdown()
    print("\n== botanu's added cost per message / contrib's [goal <= 0.5] (botanu / the floor; the floor / contrib),"
          " paired by round")
    for title, ratios in summary.items():
        print(f"   {title:<26} " + "  ".join(f"{client} {c:.2f} ({f:.2f}; {fc:.2f})"
                                             for client, (c, f, fc) in ratios.items()))


def cases(chosen: set[str], args: argparse.Namespace, tracer_provider: TracerProvider) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    if "pika" in chosen:
        found.append(("pika publish", lambda: pika_configs(args.rabbitmq, tracer_provider)))
    if "redis" in chosen:
        found.append(("redis publish", lambda: redis_configs(args.redis, tracer_provider, "publish")))
        found.append(("redis xadd", lambda: redis_configs(args.redis, tracer_provider, "xadd")))
    if "celery" in chosen:
        found.append(("celery apply_async", lambda: celery_configs(tracer_provider, "publish")))
        found.append(("celery execute", lambda: celery_configs(tracer_provider, "execute")))
    if "kafka" in chosen:
        found.append(("kafka produce", lambda: kafka_configs(tracer_provider)))
    return found


if __name__ == "__main__":
    main()
