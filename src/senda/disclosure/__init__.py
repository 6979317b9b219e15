"""Disclosure: subject access requests — the register with each request's statutory month,
and the archive of everything Senda holds about a child, a young person or a parent, with
the third-party information to review before release (docs/subject-access.md, ADR 0037)."""
