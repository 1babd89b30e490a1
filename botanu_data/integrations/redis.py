"""Redis through redis-py: ``instrument_client(client)`` for pub/sub and streams.

redis-py has no hooks for these, so the client's own methods are wrapped on that one client
(``uninstrument_client`` puts them back):

- ``publish``: a PRODUCER span, the channel as destination, the message's bytes.
- ``pubsub()``: the ``PubSub`` it returns is instrumented too (``instrument_pubsub``): every message that
  ``get_message``/``listen`` returns is a ``receive`` CONSUMER span. Pub/sub messages have no headers and
  their payload is the application's, so no context travels with them: these spans are counted and
  attributed to the consumer's own run, not linked. Messages handed to ``subscribe(channel=handler)``
  handlers are not seen.
- ``xadd``: a PRODUCER span; the context is added to the entry's fields (a copy: the caller's dict is left
  as it was), the entry id is ``messaging.message.id``.
- ``xread``/``xreadgroup``: a ``receive`` CONSUMER span around the command, linked to the producer of each
  entry returned, with the entries and their bytes (the context fields left out of the count, so a
  stream's bytes read equal its bytes written). Process an entry inside
  ``track_messaging_operation("redis", "process", stream, carrier=fields)`` to attribute that work to the
  producer's run.

Commands queued in a ``pipeline()`` and ``redis.asyncio`` clients are not covered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .. import message_path
from ..messaging import MessagingTracker, context_header_names, track_messaging_operation
from ..spans import report_fault
from ._wrapping import body_size, run_tracked, unwrap_methods, wrap_methods

SYSTEM = "redis"
_DELIVERIES = frozenset({"message", "pmessage", "smessage", b"message", b"pmessage", b"smessage"})


def instrument_client(client: Any) -> Any:
    """Track this client's pub/sub and stream messages; returns the client. A second call changes nothing."""
    wrap_methods(client, {"publish": _publish, "pubsub": _pubsub, "xadd": _xadd, "xread": _xread,
                          "xreadgroup": _xreadgroup})
    return client


def uninstrument_client(client: Any) -> bool:
    """Put the client's own methods back; False if it was not instrumented."""
    return unwrap_methods(client)


def instrument_pubsub(pubsub: Any) -> Any:
    """Track the messages this ``PubSub`` returns (``get_message``, ``listen``); returns it."""
    wrap_methods(pubsub, {"get_message": _get_message, "listen": _listen})
    return pubsub


def uninstrument_pubsub(pubsub: Any) -> bool:
    return unwrap_methods(pubsub)


def _name(value: Any) -> str | None:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    return value if isinstance(value, str) else None


def _value_size(value: Any) -> int:
    """Bytes redis-py sends for a value: numbers go as their repr."""
    kind = type(value)  # the usual types first, told by type alone: every field of every entry is sized
    if kind is str and value.isascii():
        return len(value)
    if kind is bytes:
        return len(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return len(repr(value))
    return body_size(value)


def _fields_size(fields: Mapping[Any, Any]) -> int:
    skip = context_header_names()
    size = 0
    for key, value in fields.items():
        if key not in skip:
            size += _value_size(key) + _value_size(value)
    return size


# -- pub/sub ----------------------------------------------------------------------------------------

def _publish(original: Callable[..., Any]) -> Callable[..., Any]:
    def publish(channel: Any, message: Any, **kwargs: Any) -> Any:
        return message_path.publish(SYSTEM, _name(channel), None, _value_size(message), None, original,
                                    (channel, message), kwargs)

    return publish


def _pubsub(original: Callable[..., Any]) -> Callable[..., Any]:
    def pubsub(**kwargs: Any) -> Any:
        return instrument_pubsub(original(**kwargs))

    return pubsub


def _delivered(message: Any) -> None:
    """A pub/sub message just returned to the application: one receive span (the wait for it is not its cost)."""
    try:
        if isinstance(message, dict) and message.get("type") in _DELIVERIES:
            with MessagingTracker.for_message(SYSTEM, "receive", _name(message.get("channel")), None, 1,
                                              _value_size(message.get("data"))):
                pass
    except Exception:
        report_fault("redis pub/sub message")


def _get_message(original: Callable[..., Any]) -> Callable[..., Any]:
    def get_message(*args: Any, **kwargs: Any) -> Any:
        message = original(*args, **kwargs)
        _delivered(message)
        return message

    return get_message


def _listen(original: Callable[..., Any]) -> Callable[..., Any]:
    def listen() -> Iterator[Any]:
        for message in original():
            _delivered(message)
            yield message

    return listen


# -- streams ----------------------------------------------------------------------------------------

def _xadd(original: Callable[..., Any]) -> Callable[..., Any]:
    def xadd(name: Any, fields: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            sent = dict(fields)  # the caller's dict stays without our fields
            size = _fields_size(fields)
        except Exception:
            return original(name, fields, *args, **kwargs)
        return message_path.publish(SYSTEM, _name(name), sent, size, None, original, (name, sent, *args), kwargs,
                                    _added)

    return xadd


def _added(entry_id: Any) -> dict[str, object]:
    return {"message_id": _name(entry_id)}


def _entries(response: Any) -> Iterator[tuple[Any, Any]]:
    """(stream, fields) of each entry in an XREAD/XREADGROUP reply, RESP2 (a list) or RESP3 (a dict)."""
    streams = response.items() if isinstance(response, Mapping) else (response or ())
    for stream, entries in streams:
        for entry in entries or ():
            if isinstance(entry, (list, tuple)) and len(entry) == 2 and isinstance(entry[1], Mapping):
                yield stream, entry[1]


def _read_tracker(streams: Any, group: str | None = None) -> MessagingTracker:
    names = list(streams) if isinstance(streams, Mapping) else []
    tracker = track_messaging_operation(SYSTEM, "receive", _name(names[0]) if len(names) == 1 else None)
    return tracker.set_message(consumer_group=group) if group else tracker


def _describe_read(tracker: MessagingTracker, response: Any) -> None:
    entries = [fields for _, fields in _entries(response)]
    tracker.link_messages(entries)
    tracker.set_result(message_count=len(entries), bytes_transferred=sum(map(_fields_size, entries)))


def _xread(original: Callable[..., Any]) -> Callable[..., Any]:
    def xread(streams: Any, *args: Any, **kwargs: Any) -> Any:
        return run_tracked(lambda: _read_tracker(streams), original, (streams, *args), kwargs, _describe_read)

    return xread


def _xreadgroup(original: Callable[..., Any]) -> Callable[..., Any]:
    def xreadgroup(groupname: str, consumername: str, streams: Any, *args: Any, **kwargs: Any) -> Any:
        return run_tracked(lambda: _read_tracker(streams, _name(groupname)), original,
                           (groupname, consumername, streams, *args), kwargs, _describe_read)

    return xreadgroup
