"""botanu-data: the cost of an application's data operations as OpenTelemetry spans and exact counters.

Databases (``instrument_engine`` for SQLAlchemy, ``track_db_operation`` by hand), object storage
(``track_storage_operation``) and messaging (``track_messaging_operation``), attributed to use cases.
"""

from .attribution import emit_outcome, use_case
from .db import DBOperation, DBTracker, set_data_metrics, set_warehouse_metrics, track_db_operation
from .engine import instrument_engine, uninstrument_engine
from .messaging import (
    MessagingOperation,
    MessagingTracker,
    extract_context,
    inject_context,
    track_messaging_operation,
)
from .providers import configure
from .sqlalchemy_global import instrument_sqlalchemy, uninstrument_sqlalchemy
from .storage import StorageOperation, StorageTracker, track_storage_operation
from .systems import DB_SYSTEMS, MESSAGING_SYSTEMS, STORAGE_SYSTEMS
from .version import __version__

__all__ = [
    "DBOperation",
    "DBTracker",
    "DB_SYSTEMS",
    "MESSAGING_SYSTEMS",
    "MessagingOperation",
    "MessagingTracker",
    "STORAGE_SYSTEMS",
    "StorageOperation",
    "StorageTracker",
    "__version__",
    "configure",
    "emit_outcome",
    "extract_context",
    "inject_context",
    "instrument_engine",
    "instrument_sqlalchemy",
    "set_data_metrics",
    "set_warehouse_metrics",
    "track_db_operation",
    "track_messaging_operation",
    "track_storage_operation",
    "uninstrument_engine",
    "uninstrument_sqlalchemy",
    "use_case",
]
