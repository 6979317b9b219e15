"""Backups: ``senda backup`` writes the database and the uploaded files into one tar archive
with a manifest and checksums; ``senda restore`` verifies an archive in full before it
writes anything, then puts it back (docs/backups.md, ADR 0036).

- ``manifest``: what an archive says it holds, read from hostile bytes with clear refusals;
- ``archive``: writing the tar, and reading one back member by member, verified;
- ``database``: the engine's own dump and restore (SQLite's online backup API,
  PostgreSQL's ``pg_dump``/``pg_restore``), the migration state, whether it holds data;
- ``files``: the uploaded files (``MEDIA_ROOT``);
- ``backup`` and ``restore``: the two commands' work, each one function.
"""

from __future__ import annotations


class Refused(Exception):
    """The archive, the database or the files refuse the operation: the message says why,
    in plain English, and nothing was changed (``senda restore`` exits 1)."""
