"""The quarterly performance report: every KPI for a chosen quarter, grouped by improvement
area, as an HTML page, a PDF and an XLSX workbook.

    from senda.performance import report
    quarter = report.quarters.chosen(request.GET.get("quarter"), today)   # ValueError: 404
    content = report.build(la, quarter, today)       # report.content.Report
    # with the partnership's priorities, which the plan (``senda.improvement``) makes:
    content = report.build(la, quarter, today, priorities=improvement.priorities.for_report(...))
    report.xlsx.write(content)                       # bytes

Figures are the board's, suppressed (the report leaves the service), then a section for
scrutiny: complaints, mediation and appeals (``content.scrutiny``, suppressed too). Which
quarter a report opens on: see :mod:`senda.performance.report.quarters`.
"""

from senda.performance.report import priorities, quarters, scrutiny, xlsx
from senda.performance.report.content import Group, Report, ReportFigure, Section, build

__all__ = [
    "Group",
    "Report",
    "ReportFigure",
    "Section",
    "build",
    "priorities",
    "quarters",
    "scrutiny",
    "xlsx",
]
