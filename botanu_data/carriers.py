"""Reading and writing trace context in the header shapes messaging clients use.

One getter and one setter cover them all, told apart by shape, so callers never say which client they use:

- a mapping with ``str`` keys (a plain dict, pika's ``BasicProperties.headers``, NATS headers, Celery's);
- a mapping with ``bytes`` keys and values (a Redis stream entry read without ``decode_responses``);
- a list of ``(key, value)`` pairs, values ``bytes`` or ``str`` (confluent-kafka's message headers).

Values read as ``bytes`` are decoded as UTF-8 (undecodable bytes replaced: a header that is not text is not a
trace context either). The propagators bound what they parse (a ``traceparent`` is matched whole, baggage is
cut at 8 KiB), so a hostile header costs bounded time.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, MutableSequence, Sequence
from typing import Any

from opentelemetry.propagators.textmap import Getter, Setter

# A message's headers: what ``inject_context``/``extract_context`` accept.
Carrier = MutableMapping[Any, Any] | MutableSequence[tuple[Any, Any]]


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    return None


class HeaderGetter(Getter[Any]):
    """An OpenTelemetry getter for every carrier shape above; anything else reads as empty."""

    def get(self, carrier: Any, key: str) -> list[str] | None:
        kind = type(carrier)  # the common shapes first: an ABC isinstance check costs microseconds
        if kind is dict or (kind is not list and isinstance(carrier, Mapping)):
            value = carrier.get(key)
            if value is None:
                value = carrier.get(key.encode())
            if isinstance(value, (list, tuple)):
                found = [text for text in map(_text, value) if text is not None]
                return found or None
            text = _text(value)
            return None if text is None else [text]
        if kind is list or (isinstance(carrier, Sequence) and not isinstance(carrier, (str, bytes, bytearray))):
            wanted = (key, key.encode())
            found = []
            for pair in carrier:
                if isinstance(pair, tuple) and len(pair) == 2 and pair[0] in wanted:
                    text = _text(pair[1])
                    if text is not None:
                        found.append(text)
            return found or None
        return None

    def keys(self, carrier: Any) -> list[str]:
        if isinstance(carrier, Mapping):
            names = carrier.keys()
        elif isinstance(carrier, Sequence) and not isinstance(carrier, (str, bytes, bytearray)):
            names = [pair[0] for pair in carrier if isinstance(pair, tuple) and len(pair) == 2]
        else:
            return []
        return [text for text in map(_text, names) if text is not None]


class HeaderSetter(Setter[Any]):
    """An OpenTelemetry setter for a mutable mapping or a list of pairs. A key already in a list is replaced,
    so a message re-published with the same headers carries one context, not two."""

    def set(self, carrier: Any, key: str, value: str) -> None:
        kind = type(carrier)
        if kind is dict or (kind is not list and isinstance(carrier, MutableMapping)):
            if key.encode() in carrier:  # a bytes-keyed carrier keeps one spelling of the key
                carrier[key.encode()] = value.encode()
            else:
                carrier[key] = value
        elif kind is list or isinstance(carrier, MutableSequence):
            wanted = (key, key.encode())
            carrier[:] = [pair for pair in carrier if not (isinstance(pair, tuple) and pair and pair[0] in wanted)]
            carrier.append((key, value))
        else:
            raise TypeError(f"cannot write headers into {type(carrier).__name__}")


HEADER_GETTER = HeaderGetter()
HEADER_SETTER = HeaderSetter()
