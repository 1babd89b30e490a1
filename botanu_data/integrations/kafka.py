"""Kafka through confluent-kafka: ``instrument_producer(producer)``, ``instrument_consumer(consumer)``.

confluent-kafka's clients are C types whose methods cannot be replaced on an instance, and it has no hooks,
so each function returns a thin proxy: ``produce``, ``poll`` and ``consume`` are tracked, everything else is
the client's own (``proxy.wrapped`` is the client; keep using it directly to stop tracking). A proxy is not
an instance of the client's class.

- ``produce``: a PRODUCER span, the context added to the message headers (a copy of the caller's dict or
  list); the delivery callback (on ``poll``/``flush``) ends it with ``messaging.kafka.destination.partition``
  and ``messaging.kafka.message.offset``, or with the delivery error, then calls the caller's own
  ``on_delivery``. The span is not left current between ``produce`` and its delivery.
- ``poll``/``consume``: each call that returns messages is a ``receive`` CONSUMER span linked to each
  message's producer, with their count and value bytes (a poll that returns nothing makes no span: the
  wait is not a message's cost). From its return until the next ``poll``/``consume`` or ``close`` on that
  thread, the messages' producer context is current (``after_receive.WorkAfterReceive``: one message's trace
  context and run; a batch's run when its messages agree on one), so the work done on them counts under the
  producer's run with no code of the application's. A span of its own for that work:
  ``track_messaging_operation("kafka", "process", msg.topic(), carrier=msg.headers())``. Message keys are not
  recorded (they often carry identifiers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from confluent_kafka import KafkaException

from ..after_receive import WorkAfterReceive
from ..message_path import Operation, describe, end_publish, fail_publish, start_publish
from ..messaging import track_messaging_operation
from ..spans import report_fault
from ._wrapping import body_size

SYSTEM = "kafka"


def instrument_producer(producer: Any) -> TrackedProducer:
    """A proxy of ``producer`` whose ``produce`` is tracked."""
    return producer if isinstance(producer, TrackedProducer) else TrackedProducer(producer)


def instrument_consumer(consumer: Any, consumer_group: str | None = None) -> TrackedConsumer:
    """A proxy of ``consumer`` whose ``poll``/``consume`` are tracked; ``consumer_group`` (its ``group.id``,
    which the client does not expose) becomes ``messaging.consumer.group.name``."""
    return consumer if isinstance(consumer, TrackedConsumer) else TrackedConsumer(consumer, consumer_group)


class _Proxy:
    __slots__ = ("wrapped",)

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)

    def __len__(self) -> int:
        return len(self.wrapped)


class TrackedProducer(_Proxy):
    """A confluent-kafka ``Producer`` whose ``produce`` is tracked; see the module's docstring."""

    __slots__ = ()

    def produce(self, topic: str, value: Any = None, key: Any = None, *args: Any, **kwargs: Any) -> Any:
        produce = self.wrapped.produce
        if len(args) > 1:  # on_delivery given by position: left untracked rather than guessed at
            return produce(topic, value, key, *args, **kwargs)
        try:
            sent = dict(kwargs)
            headers = sent.get("headers")
            sent["headers"] = headers = list(headers.items()) if isinstance(headers, dict) else list(headers or ())
            callback = sent.pop("on_delivery", None) or sent.pop("callback", None)
            size = body_size(value)
            operation = start_publish(SYSTEM, topic, headers, size)
            # the delivery comes later (poll, flush), maybe never: the span is not left current meanwhile
            operation.leave_current()
            sent["on_delivery"] = _on_delivery(operation, size, callback)
        except Exception:
            report_fault("kafka produce")
            return produce(topic, value, key, *args, **kwargs)
        try:
            return produce(topic, value, key, *args, **sent)
        except BaseException as error:  # not queued (BufferError, bad arguments): no delivery will come
            fail_publish(operation, error, size)
            raise


def _on_delivery(operation: Operation, size: int,
                 callback: Callable[[Any, Any], Any] | None) -> Callable[[Any, Any], Any]:
    def delivered(error: Any, msg: Any) -> Any:
        try:
            if error is not None:
                fail_publish(operation, KafkaException(error), size)
            else:
                describe(operation, {"partition": msg.partition(), "offset": msg.offset()})
                end_publish(operation, size)
        except Exception:
            report_fault("kafka delivery")
        if callback is not None:
            return callback(error, msg)
        return None

    return delivered


class TrackedConsumer(_Proxy):
    """A confluent-kafka ``Consumer`` whose ``poll``/``consume`` are tracked; see the module's docstring."""

    __slots__ = ("consumer_group", "after")

    def __init__(self, wrapped: Any, consumer_group: str | None = None) -> None:
        super().__init__(wrapped)
        self.consumer_group = consumer_group
        self.after = WorkAfterReceive()

    def poll(self, *args: Any, **kwargs: Any) -> Any:
        self.after.leave()  # the previous message's work is over: the wait is not its cost
        msg = self.wrapped.poll(*args, **kwargs)
        if msg is not None:
            self._received([msg])
        return msg

    def consume(self, *args: Any, **kwargs: Any) -> Any:
        self.after.leave()
        msgs = self.wrapped.consume(*args, **kwargs)
        if msgs:
            self._received(msgs)
        return msgs

    def close(self, *args: Any, **kwargs: Any) -> Any:
        self.after.leave()
        return self.wrapped.close(*args, **kwargs)

    def _received(self, msgs: list[Any]) -> None:
        try:
            messages = [msg for msg in msgs if msg.error() is None]  # errors and partition-EOF events are not data
            if not messages:
                return
            topics = {msg.topic() for msg in messages}
            with track_messaging_operation(SYSTEM, "receive", topics.pop() if len(topics) == 1 else None) as tracker:
                tracker.link_messages([msg.headers() for msg in messages])
                tracker.set_result(message_count=len(messages),
                                   bytes_transferred=sum(body_size(msg.value()) for msg in messages))
                if len(messages) == 1:
                    tracker.set_message(partition=messages[0].partition(), offset=messages[0].offset())
                if self.consumer_group:
                    tracker.set_message(consumer_group=self.consumer_group)
            self.after.enter([msg.headers() for msg in messages])
        except Exception:
            report_fault("kafka receive")
