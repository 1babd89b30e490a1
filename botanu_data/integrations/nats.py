"""NATS through nats-py (asyncio): ``instrument_client(nc)``, and ``instrument_jetstream(js)`` for pull
consumers.

nats-py has no hooks, so the connection's own coroutines are wrapped on that one client
(``uninstrument_client`` puts them back):

- ``publish``: a PRODUCER span; the context goes into the message headers (a copy: a dict the caller passes,
  such as a received message's headers that ``Msg.respond`` re-sends, is left alone). Needs a server with
  headers (NATS 2.2+). ``request`` publishes through it, and JetStream's ``js.publish`` is a request on the
  connection, so both are tracked, with headers, by this one wrapper; a reply (``msg.respond``) is a
  publish to ``_INBOX``. The replies a requester waits for are the client's own (not tracked).
- ``subscribe(cb=...)``: each message handed to the callback is a ``consume`` CONSUMER span, the producer's
  child and linked to it, around the callback (JetStream push subscriptions go through here too); without a
  callback, the subscription's ``next_msg`` is a ``receive`` span linked to the message's producer.
- ``instrument_jetstream(js)``: the pull subscriptions ``js.pull_subscribe`` makes get ``fetch`` as a
  ``receive`` span linked to each message's producer.

The destination is the message's subject; reply inboxes (``_INBOX.<id>``) count as ``_INBOX`` so their
unique names do not make a counter series each. JetStream's own API traffic (``$JS.API.``, acks, flow
control) is not tracked: it is the client's protocol, not the application's messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..message_path import publish_async
from ..messaging import MessagingTracker, track_messaging_operation
from ._wrapping import body_size, run_tracked_async, unwrap_methods, wrap_methods

SYSTEM = "nats"
_PROTOCOL = ("$JS.API.", "$JS.ACK.", "$JS.FC.", "$JSC.")
_INBOX = "_INBOX."


def instrument_client(nc: Any) -> Any:
    """Track this connection's messages; returns it. A second call changes nothing."""
    wrap_methods(nc, {"publish": _publish, "subscribe": _subscribe})
    return nc


def uninstrument_client(nc: Any) -> bool:
    """Put the connection's own coroutines back; False if it was not instrumented."""
    return unwrap_methods(nc)


def instrument_jetstream(js: Any) -> Any:
    """Track ``fetch`` on the pull subscriptions this JetStream context makes; returns it."""
    wrap_methods(js, {"pull_subscribe": _pull_subscribe})
    return js


def uninstrument_jetstream(js: Any) -> bool:
    return unwrap_methods(js)


def _destination(subject: Any) -> str | None:
    if not isinstance(subject, str):
        return None
    return "_INBOX" if subject.startswith(_INBOX) else subject


def _publish(original: Callable[..., Any]) -> Callable[..., Any]:
    async def publish(subject: str, payload: bytes = b"", reply: str = "", headers: Any = None) -> Any:
        if not isinstance(subject, str) or subject.startswith(_PROTOCOL):
            return await original(subject, payload, reply, headers)
        sent = dict(headers) if headers else {}
        return await publish_async(SYSTEM, _destination(subject), sent, body_size(payload), None, original,
                                   (subject, payload, reply, sent), {})

    return publish


def _describe(tracker: MessagingTracker, msg: Any) -> None:
    tracker.set_result(message_count=1, bytes_transferred=body_size(msg.data))
    tracker.link_messages([msg.headers])


def _subscribe(original: Callable[..., Any]) -> Callable[..., Any]:
    async def subscribe(subject: str, queue: str = "", cb: Any = None, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(subject, str) or subject.startswith(_INBOX):  # replies the client itself waits for
            return await original(subject, queue, cb, *args, **kwargs)
        subscription = await original(subject, queue, _traced_callback(cb, queue) if cb else None, *args, **kwargs)
        if cb is None:
            wrap_methods(subscription, {"next_msg": lambda next_msg: _receiving(next_msg, subject, _describe)})
        return subscription

    return subscribe


def _traced_callback(callback: Callable[..., Any], queue: str) -> Callable[..., Any]:
    async def on_message(msg: Any) -> Any:
        def build() -> MessagingTracker:
            tracker = MessagingTracker.for_message(SYSTEM, "consume", _destination(msg.subject), msg.headers, 1,
                                                   body_size(msg.data))
            return tracker.set_message(consumer_group=queue) if queue else tracker

        return await run_tracked_async(build, callback, (msg,), {})

    return on_message


def _receiving(original: Callable[..., Any], subject: str, describe: Callable[[Any, Any], None]) -> Callable[..., Any]:
    """``original`` (``next_msg`` or ``fetch``) as a receive span on ``subject``, described by ``describe``."""
    async def receive(*args: Any, **kwargs: Any) -> Any:
        return await run_tracked_async(lambda: track_messaging_operation(SYSTEM, "receive", _destination(subject)),
                                       original, args, kwargs, describe)

    return receive


def _pull_subscribe(original: Callable[..., Any]) -> Callable[..., Any]:
    async def pull_subscribe(subject: str, *args: Any, **kwargs: Any) -> Any:
        subscription = await original(subject, *args, **kwargs)
        wrap_methods(subscription, {"fetch": lambda fetch: _receiving(fetch, subject, _described_batch)})
        return subscription

    return pull_subscribe


def _described_batch(tracker: MessagingTracker, msgs: Any) -> None:
    tracker.link_messages([msg.headers for msg in msgs])
    tracker.set_result(message_count=len(msgs), bytes_transferred=sum(body_size(msg.data) for msg in msgs))
