"""RabbitMQ through pika: ``instrument_channel(channel)``.

pika has no hooks, so the channel's own ``basic_publish``, ``basic_consume`` and ``basic_get`` are wrapped on
that one channel (``uninstrument_channel`` puts them back):

- ``basic_publish``: a PRODUCER span; the context goes into ``properties.headers`` (made if absent).
- ``basic_consume``: each delivery to the callback is a ``consume`` CONSUMER span, the producer's child and
  linked to it, around the callback, so the callback's own work counts under the producer's run.
- ``basic_get``: a ``receive`` CONSUMER span around the call, linked to the message's producer.

Destination: the exchange, or the routing key on the default exchange (where it names the queue); a consumer's
is its queue. The routing key is ``messaging.rabbitmq.destination.routing_key``; body bytes are counted.
Made for ``BlockingChannel`` (tested there); ``basic_publish`` and ``basic_consume`` of pika's asynchronous
``Channel`` take the same arguments and are wrapped the same way; its ``basic_get`` hands the message to a
callback and is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pika
from pika.adapters.blocking_connection import BlockingChannel

from ..message_path import publish
from ..messaging import MessagingTracker, track_messaging_operation
from ..spans import report_fault
from ._wrapping import body_size, run_tracked, unwrap_methods, wrap_methods

SYSTEM = "rabbitmq"


def instrument_channel(channel: Any) -> Any:
    """Track this channel's publishes and deliveries; returns the channel. A second call changes nothing."""
    wrappers = {"basic_publish": _publish, "basic_consume": _consume}
    if isinstance(channel, BlockingChannel):  # the asynchronous Channel's basic_get hands its result to a callback
        wrappers["basic_get"] = _get
    wrap_methods(channel, wrappers)
    return channel


def uninstrument_channel(channel: Any) -> bool:
    """Put the channel's own methods back; False if it was not instrumented."""
    return unwrap_methods(channel)


def _describe(tracker: MessagingTracker, method: Any, properties: Any, body: object) -> MessagingTracker:
    tracker.set_message(routing_key=method.routing_key, delivery_tag=method.delivery_tag,
                        message_id=properties.message_id)
    return tracker.set_result(message_count=1, bytes_transferred=body_size(body))


def _with_headers(properties: Any) -> Any:
    """The properties to send, with a headers dict for the context (pika sends the same when none are given)."""
    if properties is None:
        properties = pika.BasicProperties()
    if properties.headers is None:
        properties.headers = {}
    return properties


def _publish(original: Callable[..., Any]) -> Callable[..., Any]:
    def basic_publish(exchange: str, routing_key: str, body: Any, properties: Any = None, *args: Any,
                      **kwargs: Any) -> Any:
        try:
            properties = _with_headers(properties)
        except Exception:
            report_fault("pika basic_publish")
        try:
            headers, size = properties.headers, body_size(body)
            fields = {"routing_key": routing_key, "message_id": properties.message_id}
        except Exception:  # properties pika itself will refuse: the call is the caller's, untracked
            report_fault("pika basic_publish")
            return original(exchange, routing_key, body, properties, *args, **kwargs)
        return publish(SYSTEM, exchange or routing_key, headers, size, fields, original,
                       (exchange, routing_key, body, properties, *args), kwargs)

    return basic_publish


def _consume(original: Callable[..., Any]) -> Callable[..., Any]:
    def basic_consume(queue: str, on_message_callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return original(queue, _traced_callback(queue, on_message_callback), *args, **kwargs)

    return basic_consume


def _traced_callback(queue: str, callback: Callable[..., Any]) -> Callable[..., Any]:
    def on_message(channel: Any, method: Any, properties: Any, body: Any) -> Any:
        def build() -> MessagingTracker:
            tracker = MessagingTracker.for_message(SYSTEM, "consume", queue, properties.headers, 1, body_size(body))
            return tracker.set_message(routing_key=method.routing_key, delivery_tag=method.delivery_tag,
                                       message_id=properties.message_id)

        return run_tracked(build, callback, (channel, method, properties, body), {})

    return on_message


def _get(original: Callable[..., Any]) -> Callable[..., Any]:
    def basic_get(queue: str, *args: Any, **kwargs: Any) -> Any:
        return run_tracked(lambda: track_messaging_operation(SYSTEM, "receive", queue), original,
                           (queue, *args), kwargs, _describe_got)

    return basic_get


def _describe_got(tracker: MessagingTracker, got: Any) -> None:
    method, properties, body = got
    if method is not None:  # (None, None, None): the queue was empty
        _describe(tracker, method, properties, body).link_messages([properties.headers])
