"""Write the example improvement plans in docs/examples (synthetic, for trying the import).

    .venv/bin/python docs/examples/make_examples.py

- improvement-plan-areas.xlsx — the "areas" layout, one sheet per improvement area with the
  area's title in a row above the header;
- improvement-plan-areas.csv — the same plan as one CSV table with an "Area" column;
- improvement-plan-milestones.xlsx — the "milestones" layout: No., Action & completion
  date, Delivery lead, Month 3 … Month 12 (with their dates), Evidence, Impact/KPI.

Every name, team and figure is invented. Cells hold bullet lists and line breaks, as real
plans do; "Summer term 2026" is read as the end of July 2026 and "Ongoing" is left for a
person to resolve.
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
AREAS_HEADER = ["Aims", "What", "How", "KPIs", "Timescale", "Who", "Updates / Comments"]

AREAS = [
    (
        "Area 1: Identifying needs early and accurately",
        [
            [
                "Children's needs are identified early, in every setting",
                "Launch a shared early identification toolkit for early years settings",
                "• Co-produce the toolkit with the parent carer forum\n"
                "• Train early years SENCos (two cohorts)\n• Review uptake each term",
                "95% of early years settings trained\nadvice-6w",
                "Sept 25 – Sep 26",
                "Head of SEND\nHealth visiting service (NHS)\nParent Carer Forum",
                "12/11/25 – Priya Shah: toolkit draft shared with forum members\n"
                "March 26: first cohort of 24 settings trained",
            ],
            [
                "",
                "Publish a graduated approach guide for schools",
                "- Draft with SENCo network\n- Consult families\n- Publish on the Local Offer",
                "Fewer requests for assessment refused for lack of evidence",
                "Dec 26",
                "SEND Inclusion Lead, Schools",
                "",
            ],
            [
                "Assessments are timely and of high quality",
                "Meet the 20-week timescale for EHC plans",
                "* Weekly tracking of every assessment\n* Extra educational psychology capacity",
                "final-plan-20w\nassess-decision-6w",
                "Jan to Dec 26",
                "SEND Service Manager\nICB Designated Clinical Officer\nChildren's Social Care",
                "05/01/26 – tracker in place\nFebruary 26: Marcus Bell: 2 EPs recruited",
            ],
        ],
    ),
    (
        "Area 2: Preparing for adulthood and transitions",
        [
            [
                "Young people move into adulthood with a plan that works",
                "Start preparing-for-adulthood reviews from Year 9",
                "• Year 9 review template\n• Careers adviser at every Year 9 review",
                "annual-review-on-time\n80% of Year 9 reviews include PfA outcomes",
                "By July 27 (then ongoing refresh through 28)",
                "Preparing for Adulthood Lead\nAdult Social Care",
                "",
            ],
            [
                "",
                "Joint transition protocol between children's and adult health services",
                "Agree protocol\nTrain staff",
                "Protocol signed by all partners",
                "Summer term 2026",
                "ICB Designated Clinical Officer\nAdult Social Care",
                "Update given to the board in January; waiting for trust sign-off.",
            ],
        ],
    ),
    (
        "Area 3: Co-production and communication with families",
        [
            [
                "Families say they are listened to",
                "Quarterly 'You said, we did' updates on the Local Offer",
                "• Parent carer forum survey each term\n• Publish responses within 6 weeks",
                "Satisfaction in the annual survey up from 41% to 60%",
                "Ongoing",
                "Parent Carer Forum, SEND Service Manager",
                "30/01/26 – first update published",
            ],
            [
                "",
                "Answer every enquiry to the SEND team within 5 working days",
                "New shared mailbox and duty rota",
                "review-logged-5wd\nComplaints about contact halved",
                "June–Dec 26",
                "SEND Team Manager",
                "",
            ],
        ],
    ),
]

MILESTONES_HEADER = [
    "No.",
    "Action & completion date",
    "Delivery lead",
    "Month 3 (Dec 25)",
    "Month 6 (Mar 26)",
    "Month 9 (Jun 26)",
    "Month 12 (Sep 26)",
    "Evidence",
    "Impact/KPI",
]
MILESTONE_ROWS = [
    [
        "1.1",
        "Set up a multi-agency panel for requests for assessment\nCompletion: December 25",
        "SEND Service Manager\nICB Designated Clinical Officer",
        "Terms of reference agreed",
        "Panel meeting weekly",
        "Audit of 20 decisions",
        "Review with families",
        "Panel minutes\nAudit report",
        "assess-decision-6w",
    ],
    [
        "1.2",
        "Recruit two more educational psychologists\nBy March 26",
        "Principal Educational Psychologist",
        "Posts advertised",
        "• Posts filled\n• Induction complete",
        "",
        "",
        "Staffing returns",
        "final-plan-20w\nAdvice returned within 6 weeks in 90% of cases",
    ],
    [
        "2.1",
        "Train every SENCo in writing outcomes\nFebruary - March 26",
        "SEND Inclusion Lead\nSchools",
        "Training designed with the parent carer forum",
        "First cohort trained",
        "Second cohort trained",
        "Quality audit of 30 plans",
        "Attendance lists\nQA audit",
        "Good or better plans up from 55% to 75%",
    ],
    [
        "2.2",
        "Publish a refreshed Local Offer\nOngoing through 26-28",
        "Local Offer Officer\nParent Carer Forum",
        "User research with 30 families",
        "Beta site live",
        "",
        "Annual review of content",
        "Site analytics",
        "Page views up 50%",
    ],
]


def _style(sheet: object, header_row: int) -> None:
    for cell in sheet[header_row]:  # type: ignore[index]
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=header_row + 1):  # type: ignore[attr-defined]
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _save(book: Workbook, path: Path) -> None:
    book.properties.creator = "Senda examples"
    book.save(path)


def areas_xlsx(path: Path) -> None:
    book = Workbook()
    book.remove(book.active)
    for title, rows in AREAS:
        sheet = book.create_sheet(title.split(":")[0])
        sheet.append([title])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append(AREAS_HEADER)
        for row in rows:
            sheet.append(row)
        _style(sheet, 2)
    _save(book, path)


def areas_csv(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Area", *AREAS_HEADER])
        for title, rows in AREAS:
            for row in rows:
                writer.writerow([title, *row])


def milestones_xlsx(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Improvement plan"
    sheet.append(["Testshire SEND improvement plan 2025–26"])
    sheet.append([])
    sheet.append(MILESTONES_HEADER)
    for row in MILESTONE_ROWS:
        sheet.append(row)
    _style(sheet, 3)
    _save(book, path)


def main() -> None:
    areas_xlsx(HERE / "improvement-plan-areas.xlsx")
    areas_csv(HERE / "improvement-plan-areas.csv")
    milestones_xlsx(HERE / "improvement-plan-milestones.xlsx")


if __name__ == "__main__":
    main()
