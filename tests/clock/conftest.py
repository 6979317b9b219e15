"""Tests of the pure statutory clock (``senda.clock``).

Nothing here needs Django or a database: the clock imports neither, and no test in this
folder asks for the ``db`` fixture. Shared builders live in ``clock_cases.py``.
"""
