"""Which TracerProvider and MeterProvider botanu-data reports to, and the package-level settings.

By default the global OpenTelemetry providers are used; ``configure()`` (manual trackers) and
``instrument_engine(..., tracer_provider=, meter_provider=)`` can name others. One ``Telemetry`` bundle
is kept per provider pair so instruments are created once, not per operation, and one ``Accountant`` per
MeterProvider, shared by every bundle reporting there: whichever way a provider is named (globally,
``configure``, explicitly, or explicitly *and* globally), each operation is counted once, in one place.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from opentelemetry import metrics, trace
from opentelemetry.metrics import Histogram, MeterProvider, NoOpMeterProvider
from opentelemetry.trace import NoOpTracerProvider, ProxyTracerProvider, Tracer, TracerProvider

from .accounting import METER_NAME, Accountant
from .sdk_shortcuts import DirectWriter, provider_allows_direct, unsampled_parent_drops
from .version import __version__

try:  # private API: without it we only lose the cheap "no SDK configured" checks
    from opentelemetry.metrics import _internal as _metrics_internal
    from opentelemetry.metrics._internal import _ProxyMeterProvider
except ImportError:  # pragma: no cover
    _metrics_internal = None  # type: ignore[assignment]
    _ProxyMeterProvider = NoOpMeterProvider  # type: ignore[misc,assignment]

_UNKNOWN = object()
_PROXY_METER_TYPES = (_ProxyMeterProvider,) if _metrics_internal is not None else ()


def _global_unset(module: object, name: str) -> bool:
    """True when OpenTelemetry's global provider is certainly not set yet. get_tracer_provider() and
    get_meter_provider() read os.environ on every call (~1 µs each), too slow for a per-statement check."""
    return getattr(module, name, _UNKNOWN) is None

# OpenTelemetry's advised buckets for db.client.operation.duration (seconds).
DURATION_BUCKETS: Sequence[float] = (0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0)


@dataclass(slots=True)
class Settings:
    tracer_provider: TracerProvider | None = None
    meter_provider: MeterProvider | None = None
    duration_histogram: bool = False


settings = Settings()


class Telemetry:
    """A tracer, the accountant and the optional latency histogram for one provider pair."""

    __slots__ = (  # read on every operation: slots keep them together and quick to reach
        "tracer_provider", "meter_provider", "tracer", "accountant", "_meter", "_histogram", "_tracing_live",
        "_metrics_live", "writer", "unsampled_drops", "_histogram_lock", "__weakref__",
    )

    def __init__(self, tracer_provider: TracerProvider | None, meter_provider: MeterProvider | None) -> None:
        self.tracer_provider = tracer_provider
        self.meter_provider = meter_provider
        self.tracer: Tracer = trace.get_tracer(METER_NAME, __version__, tracer_provider=tracer_provider)
        # the histogram's meter; the counters are the accountant's, one per MeterProvider
        self._meter = metrics.get_meter(METER_NAME, __version__, meter_provider=meter_provider)
        self.accountant = accountant_for(meter_provider)
        self._histogram: Histogram | None = None
        self._tracing_live = False
        self._metrics_live = False
        self.writer: DirectWriter | None = None  # set once tracing is live
        self.unsampled_drops: tuple[bool, bool] | None = None  # likewise: see sdk_shortcuts
        self._histogram_lock = threading.Lock()

    def serves(self, tracer_provider: TracerProvider | None, meter_provider: MeterProvider | None) -> bool:
        # ids can be reused after a provider is collected, so the key alone is not proof
        return self.tracer_provider is tracer_provider and self.meter_provider is meter_provider

    # Liveness latches: a provider that records stays set (OpenTelemetry's globals cannot be unset), so once
    # True the answer is kept and the per-statement check costs one attribute read.

    def tracing_live(self) -> bool:
        """False while spans would certainly be no-ops (no SDK TracerProvider anywhere)."""
        if self._tracing_live:
            return True
        if self.tracer_provider is None and _global_unset(trace, "_TRACER_PROVIDER"):
            return False
        provider = self.tracer_provider or trace.get_tracer_provider()
        if isinstance(provider, (ProxyTracerProvider, NoOpTracerProvider)):
            return False
        self.writer = DirectWriter(provider_allows_direct(provider))
        self.unsampled_drops = unsampled_parent_drops(provider)
        self._tracing_live = True
        return True

    def metrics_live(self) -> bool:
        """False while counter values would certainly be discarded (no SDK MeterProvider)."""
        if self._metrics_live:
            return True
        if self.meter_provider is None and _global_unset(_metrics_internal, "_METER_PROVIDER"):
            return False
        provider = self.meter_provider or metrics.get_meter_provider()
        live = not isinstance(provider, (_ProxyMeterProvider, NoOpMeterProvider))
        if live and self.meter_provider is None:
            accountant_for(None)  # the global provider is known now: its accountant must report this one's sums
        self._metrics_live = live
        return live

    def sampler_reads_attributes(self) -> bool:
        """Whether spans must start with all their attributes: a sampler that reads them (``sdk_shortcuts``),
        so that nothing may be written into a span after its start instead."""
        if not (self._tracing_live or self.tracing_live()):
            return False
        return not self.writer.enabled  # type: ignore[union-attr]

    def live(self) -> bool:
        """Would anything record an operation? False means: skip all work (no SDK configured)."""
        return self._tracing_live or self._metrics_live or self.tracing_live() or self.metrics_live()

    def duration_histogram(self) -> Histogram:
        if self._histogram is None:
            with self._histogram_lock:
                if self._histogram is None:
                    self._histogram = self._meter.create_histogram(
                        "db.client.operation.duration",
                        unit="s",
                        description="Duration of database client operations.",
                        explicit_bucket_boundaries_advisory=DURATION_BUCKETS,
                    )
        return self._histogram


# id(provider) -> (provider, its accountant): the provider is kept, so its id is not reused while listed
_accountants: dict[int, tuple[MeterProvider, Accountant]] = {}
# The accountant of OpenTelemetry's global MeterProvider while that is not set yet (operations are counted only
# once it is, but the engine hooks pick their counter series earlier)
_global_pending: Accountant | None = None
_accountants_lock = threading.Lock()


def accountant_for(meter_provider: MeterProvider | None) -> Accountant:
    """The one accountant reporting to ``meter_provider`` (None: the global MeterProvider).

    The global provider may be set after first use: until then its accountant has no counters; once it is set,
    that accountant becomes the provider's (its counters are created there), or, when the provider already has
    one (it was named explicitly first), is joined to it, whose counters then report both.
    """
    global _global_pending
    with _accountants_lock:
        global_provider = _set_global_meter_provider()
        if _global_pending is not None and global_provider is not None:
            _settle_pending(global_provider)
        provider = meter_provider or global_provider
        if provider is None:
            if _global_pending is None:
                _global_pending = Accountant()
            return _global_pending
        entry = _accountants.get(id(provider))
        if entry is None:
            entry = _accountants[id(provider)] = (provider, Accountant(provider.get_meter(METER_NAME, __version__)))
        return entry[1]


def _settle_pending(global_provider: MeterProvider) -> None:
    """The global provider is set now: its pending accountant becomes that provider's, or joins the one it has.
    The caller holds ``_accountants_lock``."""
    global _global_pending
    pending, _global_pending = _global_pending, None
    entry = _accountants.get(id(global_provider))
    if entry is None:
        pending.report_to(global_provider.get_meter(METER_NAME, __version__))  # type: ignore[union-attr]
        _accountants[id(global_provider)] = (global_provider, pending)  # type: ignore[assignment]
    else:
        entry[1].join(pending)  # type: ignore[arg-type]


def _set_global_meter_provider() -> MeterProvider | None:
    """OpenTelemetry's global MeterProvider, or None while it is not set (the API's proxy stands in)."""
    if _global_unset(_metrics_internal, "_METER_PROVIDER"):
        return None
    provider = metrics.get_meter_provider()
    return None if isinstance(provider, _ProxyMeterProvider) else provider


_bundles: dict[tuple[int, int], Telemetry] = {}
# (configured tracer provider, configured meter provider, their bundle): telemetry_for()'s last default answer
_NO_DEFAULT: tuple[object, object, object] = (object(), object(), None)
_last_default = _NO_DEFAULT
_bundles_lock = threading.Lock()


def telemetry_for(
    tracer_provider: TracerProvider | None = None, meter_provider: MeterProvider | None = None
) -> Telemetry:
    """The shared Telemetry bundle for a provider pair (None: the configured or global provider)."""
    global _last_default
    if tracer_provider is None and meter_provider is None:  # a manual tracker's or a client hook's: asked often
        configured_tracer, configured_meter, bundle = _last_default
        if configured_tracer is settings.tracer_provider and configured_meter is settings.meter_provider:
            return bundle  # type: ignore[return-value]
        configured_tracer, configured_meter = settings.tracer_provider, settings.meter_provider
        bundle = _bundle_for(configured_tracer, configured_meter)
        _last_default = (configured_tracer, configured_meter, bundle)
        return bundle
    return _bundle_for(tracer_provider or settings.tracer_provider, meter_provider or settings.meter_provider)


def _bundle_for(tracer_provider: TracerProvider | None, meter_provider: MeterProvider | None) -> Telemetry:
    # the API's proxies (what get_*_provider() returns before an SDK is set) stand for the global providers
    if tracer_provider is not None and isinstance(tracer_provider, ProxyTracerProvider):
        tracer_provider = None
    if meter_provider is not None and isinstance(meter_provider, _PROXY_METER_TYPES):
        meter_provider = None
    key = (id(tracer_provider), id(meter_provider))
    bundle = _bundles.get(key)
    if bundle is None or not bundle.serves(tracer_provider, meter_provider):
        with _bundles_lock:
            bundle = _bundles.get(key)
            if bundle is None or not bundle.serves(tracer_provider, meter_provider):
                bundle = _bundles[key] = Telemetry(tracer_provider, meter_provider)
    return bundle


def _new_locks_in_child() -> None:
    """After ``os.fork()``, in the child: a lock held by a parent thread at the fork would stay held forever
    (that thread does not exist in the child)."""
    global _bundles_lock, _accountants_lock
    _bundles_lock, _accountants_lock = threading.Lock(), threading.Lock()
    for bundle in list(_bundles.values()):
        bundle._histogram_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_new_locks_in_child)


def configure(
    *,
    tracer_provider: TracerProvider | None = None,
    meter_provider: MeterProvider | None = None,
    duration_histogram: bool | None = None,
) -> None:
    """Package-level settings for the manual trackers and engines instrumented without explicit providers.

    ``tracer_provider`` / ``meter_provider``: report there instead of the global providers.
    ``duration_histogram``: also record OpenTelemetry's ``db.client.operation.duration`` histogram for every
    database operation (one SDK call each, 5-25 µs by host; off by default, the duration counters are always on).
    """
    if tracer_provider is not None:
        settings.tracer_provider = tracer_provider
    if meter_provider is not None:
        settings.meter_provider = meter_provider
    if duration_histogram is not None:
        settings.duration_histogram = bool(duration_histogram)


def reset_configuration() -> None:
    """Back to the global providers and default settings (mostly for tests)."""
    global _last_default
    _last_default = _NO_DEFAULT
    settings.tracer_provider = None
    settings.meter_provider = None
    settings.duration_histogram = False
