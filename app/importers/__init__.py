"""Readers that turn a notes file a nurse chose into text for the source pane.

No Qt and no storage here: each reader takes a path and returns text or raises InputRejected,
so the same code serves the desk, the CLI and the fuzz tests.
"""
