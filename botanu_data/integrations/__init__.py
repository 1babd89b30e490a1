"""Thin companions for frameworks and clients: each turns one library's own events (or, where it has none, its
public methods, wrapped per instance and reversibly) into the trackers' calls. Each imports its library only
inside its own module, so ``import botanu_data`` works without any of them installed."""
