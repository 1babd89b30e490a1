"""Framework and client integrations: each module turns one library's own events into ``instrument_engine`` /
``use_case`` / tracker calls; its optional dependency is imported only there."""
