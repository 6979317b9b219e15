"""The performance framework: the KPI catalogue, daily facts, trajectories and statuses,
national benchmarks from DfE's releases, the board dashboard and the quarterly report.

Pure modules (no Django): ``periods``, ``measures``, ``status``, ``suppress`` and the
``catalogue`` entries. See ``docs/performance.md`` and ADR 0006.
"""
