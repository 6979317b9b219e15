"""Retention: the area's schedule of how long each kind of record is kept (as data, with
its source), the records past it listed for a named officer to approve, and what approval
does: anonymise or delete, audited (docs/retention.md, ADR 0037)."""
