"""``opentelemetry-instrument`` support: ``BotanuDataInstrumentor``, an OpenTelemetry ``BaseInstrumentor``.

Registered under the ``opentelemetry_instrumentor`` entry point as ``botanu_data``, so ``opentelemetry-instrument
python app.py`` turns on ``instrument_sqlalchemy`` (every engine the app uses) with the options of the
``BOTANU_DATA_*`` environment variables (``botanu_data.settings``) and, when botocore is installed,
``instrument_boto3()`` for the whole process (every boto3/botocore session created afterwards; off with
``BOTANU_DATA_BOTO3=false``). ``OTEL_PYTHON_DISABLED_INSTRUMENTATIONS=botanu_data`` leaves all of it off. Needs
``pip install 'botanu-data[instrument]'``.

In code::

    BotanuDataInstrumentor().instrument(tracer_provider=..., meter_provider=..., engines=[engine],
                                        capture_statement=True, trace_transactions=True, duration_histogram=None,
                                        boto3=True)
    BotanuDataInstrumentor().uninstrument()

Keywords given in code win over the environment. ``engines`` (or ``engine``) are instrumented at once (covering
Connections they already have open); every other engine is instrumented at its first Connection. ``boto3=False``
leaves boto3 alone; the providers given apply to it too. ``uninstrument()`` switches boto3 off only if
``instrument()`` switched it on (not an ``instrument_boto3()`` the application made itself).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Collection
from typing import Any

from opentelemetry.instrumentation.instrumentor import BaseInstrumentor

from ..engine import instrument_engine, is_instrumented, uninstrument_engine
from ..settings import (
    INSTRUMENTOR_OPTIONS,
    INVALID,
    OPTIONS,
    engine_list,
    engine_options_from_environment,
    instrumentor_options_from_environment,
)
from ..spans import report_fault
from ..sqlalchemy_global import instrument_sqlalchemy, uninstrument_sqlalchemy, warn_if_contrib_instrumented
from ..values import warn_dropped

_API = "BotanuDataInstrumentor.instrument"
_PROVIDERS = ("tracer_provider", "meter_provider")
_ENGINE_KEYWORDS = frozenset(option.keyword for option in OPTIONS) | frozenset(_PROVIDERS)
_OWN = {option.keyword: option for option in INSTRUMENTOR_OPTIONS}  # boto3=...
_OTEL_KEYWORDS = frozenset({"skip_dep_check", "raise_exception_on_conflict"})  # BaseInstrumentor's own


class BotanuDataInstrumentor(BaseInstrumentor):
    """botanu-data for every SQLAlchemy engine and boto3 client of the process, the OpenTelemetry instrumentor
    way."""

    # engines given to instrument() and instrumented by it: ours to uninstrument. No __init__: BaseInstrumentor
    # is a singleton whose __init__ would run again at every BotanuDataInstrumentor() and forget them.
    _engines: tuple[Any, ...] = ()
    _boto3 = False  # instrument() switched instrument_boto3() on: uninstrument() switches it off

    def instrumentation_dependencies(self) -> Collection[str]:
        return ("sqlalchemy >= 2.0",)

    def _instrument(self, **kwargs: Any) -> None:
        options: dict[str, Any] = {}
        own: dict[str, Any] = {}
        try:
            options = engine_options_from_environment()
            own = instrumentor_options_from_environment()
            given = kwargs.pop("engines", None)
            single = kwargs.pop("engine", None)
            for keyword, value in kwargs.items():
                if keyword in _ENGINE_KEYWORDS:
                    options[keyword] = value
                elif keyword in _OWN:
                    typed = _OWN[keyword].parse(value)
                    if typed is INVALID:
                        warn_dropped(_API, keyword, value, f"expected {_OWN[keyword].expected}")
                    else:
                        own[keyword] = typed
                elif keyword not in _OTEL_KEYWORDS:
                    warn_dropped(_API, keyword, value, "unknown keyword")
            engines = engine_list(given, _API)
            if single is not None:
                engines += engine_list(single, _API)
            for engine in engines:
                if not is_instrumented(engine):
                    instrument_engine(engine, **options)
                    if is_instrumented(engine):
                        self._engines = (*self._engines, engine)
                warn_if_contrib_instrumented(engine)
            instrument_sqlalchemy(**options)
        except Exception:
            report_fault("BotanuDataInstrumentor.instrument")
        try:  # apart: boto3 is switched on even if SQLAlchemy's part failed, and the other way round
            if own.get("boto3", True) and importlib.util.find_spec("botocore") is not None:
                self._instrument_boto3(options.get("tracer_provider"), options.get("meter_provider"))
        except Exception:
            report_fault("BotanuDataInstrumentor.instrument boto3")

    def _instrument_boto3(self, tracer_provider: Any, meter_provider: Any) -> None:
        from .boto3 import instrument_boto3, is_instrumented_process_wide

        if not is_instrumented_process_wide():  # else the application's own call: it stays as it is
            instrument_boto3(tracer_provider=tracer_provider, meter_provider=meter_provider)
            self._boto3 = is_instrumented_process_wide()

    def _uninstrument(self, **kwargs: Any) -> None:
        try:
            uninstrument_sqlalchemy()
            engines, self._engines = self._engines, ()
            for engine in engines:
                uninstrument_engine(engine)
        except Exception:
            report_fault("BotanuDataInstrumentor.uninstrument")
        try:
            if self._boto3:
                from .boto3 import uninstrument_boto3

                self._boto3 = False
                uninstrument_boto3()
        except Exception:
            report_fault("BotanuDataInstrumentor.uninstrument boto3")


__all__ = ["BotanuDataInstrumentor"]
