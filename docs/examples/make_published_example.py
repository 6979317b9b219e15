"""Write docs/examples/improvement-plan-published.xlsx: a plan as councils publish it.

    .venv/bin/python docs/examples/make_published_example.py

Councils publish their improvement plan as a PDF or Word table; people copy that table
into a spreadsheet. What arrives has the shape this file reproduces (the words are all
invented, for a fictional "Northbrook" local area; no real person or council):

- a title and a version line above the header row;
- one sheet, each area for improvement introduced by a row of its own
  ("Area for improvement 1: …");
- the header row repeated where the PDF's table broke over a page;
- **cells that ran over a page break**: the text goes on in the next row, with the
  number, *Aims* and *What* empty and only *How* or *KPIs* (sometimes *Who* or
  *Updates / Comments*) filled — 14 such rows; one cuts a sentence in two;
- timescales in the plan's own words, some of them school terms.

Before Senda joined continuation rows to the action above, this file was refused with 14
problems ("What" is empty), one per continuation row.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
HEADER = ["No.", "Aims", "What", "How", "KPIs", "Timescale", "Who", "Updates / Comments"]


def action(no: str, aim: str, what: str, how: str, kpis: str, when: str, who: str, notes: str):
    return [no, aim, what, how, kpis, when, who, notes]


def more(how: str = "", kpis: str = "", who: str = "", notes: str = "") -> list[str]:
    """A row that continues the action above: only How, KPIs, Who or Updates filled."""
    return ["", "", "", how, kpis, "", who, notes]


ROWS: list[list[str] | str] = [
    "Area for improvement 1: Timeliness and quality of EHC needs assessments",
    action(
        "1.1",
        "Families receive a decision and a plan within statutory timescales",
        "Set up a weekly multi-agency decision panel",
        "• Agree terms of reference with health and social care\n• Publish the panel's criteria",
        "assess-decision-6w\n95% of decisions within 6 weeks by March 2027",
        "Sept 25 – Aug 26",
        "Head of SEND\nICB Designated Clinical Officer",
        "14/10/25 – Panel met for the first time",
    ),
    more(how="• Review panel decisions with the parent carer forum each term"),
    more(kpis="Fewer decisions overturned at mediation"),
    action(
        "1.2",
        "",
        "Recruit and retain educational psychologists",
        "• Advertise two permanent posts\n• Offer a market supplement",
        "advice-6w",
        "By March 27",
        "Principal Educational Psychologist",
        "",
    ),
    more(how="• Commission locum capacity while the posts are filled"),
    action(
        "1.3",
        "",
        "Clear the backlog of assessments over 20 weeks",
        "• Weekly tracking of every assessment over 16 weeks\n• Escalate advice that is late to",
        "final-plan-20w\n60% of new plans within 20 weeks by August 2026",
        "Summer term 2026",
        "SEND Service Manager",
        "",
    ),
    more(how="the service's heads of service and the ICB"),
    more(kpis="Backlog below 40 cases"),
    "Area for improvement 2: Annual reviews and keeping plans up to date",
    action(
        "2.1",
        "Every plan is reviewed on time and amended promptly",
        "Introduce risk-based triage of overdue annual reviews",
        "• Rank overdue reviews by risk each week",
        "annual-review-on-time\noverdue-reviews",
        "Q4 2026",
        "Team Manager, SEND Casework",
        "",
    ),
    more(how="• Allocate the riskiest reviews first\n• Report the backlog to the board monthly"),
    more(kpis="40% of reviews on time by September 2026"),
    HEADER,  # the table's header, repeated on the PDF's next page
    more(kpis="75% of reviews on time by September 2027"),
    action(
        "2.2",
        "",
        "Chase schools' review paperwork that is late",
        "• Record the expected and actual return dates",
        "setting-returns-on-time",
        "Ongoing",
        "SEND Casework Officers\nSchools",
        "",
    ),
    more(how="• Write to head teachers after 10 school days"),
    action(
        "2.3",
        "",
        "Log every review within 5 working days of the meeting",
        "• Daily list of reviews held and not logged",
        "review-logged-5wd",
        "Autumn term 2026",
        "Business Support Manager",
        "March 26: list in use in two teams",
    ),
    more(notes="May 26 – Alex Morgan: in use in every team"),
    "Area for improvement 3: Preparing for adulthood",
    action(
        "3.1",
        "Young people are ready for adult life",
        "Write preparing-for-adulthood outcomes into plans from Year 9",
        "• Train case officers in PfA outcomes",
        "pfa-outcomes-in-plans",
        "Spring term 2027",
        "Preparing for Adulthood Lead",
        "",
    ),
    more(how="• Audit 30 Year 9 plans each term", kpis="90% of plans from Year 9 by 2027"),
    action(
        "3.2",
        "",
        "Reduce the number of young people with plans not in education, employment or training",
        "• Supported internships with three employers",
        "neet",
        "2025/26",
        "Post-16 Lead\nChildren's Social Care",
        "",
    ),
    more(who="Careers service"),
    "Area for improvement 4: Communication with families",
    action(
        "4.1",
        "Families know what is happening and are heard",
        "Run a termly survey of parents and carers",
        "• Co-produce the questions with the parent carer forum",
        "parent-satisfaction",
        "from September 2025",
        "Parent Carer Forum\nHead of SEND",
        "",
    ),
    more(how="• Publish a \u201cyou said, we did\u201d summary each term"),
    more(kpis="80% of parents satisfied with their review by 2027"),
    action(
        "4.2",
        "",
        "Answer every family's email within 5 working days",
        "• Shared inbox for each team",
        "Response times reported monthly",
        "Ongoing – monthly",
        "SEND Service Manager",
        "",
    ),
]


def write(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Improvement plan"
    sheet.append(["Northbrook Local Area Partnership: SEND Improvement Plan 2025–2027"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Version 3, published October 2025"])
    sheet.append([])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([row] if isinstance(row, str) else row)
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.properties.creator = "Senda examples"
    book.save(path)


if __name__ == "__main__":
    write(HERE / "improvement-plan-published.xlsx")
