"""COLLECT's "Blade export" written from plain records, for the CSV reader's tests: one file
per module, joined by table ids, dates as COLLECT writes them (``2025-Sep-03 00:00:00``)
or ISO, in the layout after v1.2 (docs/sen2.md §5)."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from senda.interchange.sen2.records import Header, Person, SettingRef

COLUMNS = {
    "sen2": "collection year referencedate sourcelevel softwarecode release serialno datetime "
    "lea dmo dco",
    "person": "sen2tableid surname forename personbirthdate sex ethnicity postcode upn "
    "uniquelearnernumber upnunknown",
    "requests": "persontableid receiveddate rya requestoutcomedate requestoutcome "
    "requestmediation requesttribunal exported requestsource",
    "assessment": "requeststableid assessmentoutcome assessmentoutcomedate assessmentmediation "
    "assessmenttribunal othermediation othertribunal week20",
    "namedplan": "assessmenttableid startdate planres planwbp pb oa dp ceasedate ceasereason",
    "plandetail": "namedplantableid urn ukprn sensetting sensettingother placementrank "
    "senunitindicator resourcedprovisionindicator",
    "activeplans": "requeststableid transferla reviewmeeting reviewoutcome lastreview",
    "placementdetail": "activeplanstableid res wbp urn ukprn sensetting sensettingother "
    "placementrank entrydate leavingdate senunitindicator resourcedprovisionindicator",
    "senneed": "activeplanstableid sentype sentyperank",
}


def day(value: date | None, iso: bool) -> str:
    if value is None:
        return ""
    return value.isoformat() if iso else value.strftime("%Y-%b-%d 00:00:00")


def flag(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def number(value: int | None) -> str:
    return "" if value is None else str(value)


def setting(ref: SettingRef) -> dict[str, str]:
    return {
        "urn": ref.urn,
        "ukprn": ref.ukprn,
        "sensetting": ref.setting_code,
        "sensettingother": ref.setting_other,
        "placementrank": number(ref.rank),
        "senunitindicator": flag(ref.sen_unit),
        "resourcedprovisionindicator": flag(ref.resourced_provision),
    }


def write(
    folder: Path,
    header: Header,
    persons: Iterable[Person],
    *,
    iso: bool = False,
    stamp: str = "31-03-2026",
) -> dict[str, Path]:
    """Write the export into ``folder``; return each module's file."""
    ids = itertools.count(1001)
    rows: dict[str, list[dict[str, str]]] = {module: [] for module in COLUMNS}

    def add(module: str, values: dict[str, str]) -> str:
        table_id = str(next(ids))
        n = len(rows[module]) + 1
        rows[module].append(
            {
                f"{module}tableid": table_id,
                "NativeId": f"N{table_id}",
                f"{module}orderseqcolumn": str(n),
                "sourceid": "1",
                **values,
            }
        )
        return table_id

    sen2 = add(
        "sen2",
        {
            "collection": header.collection,
            "year": str(header.year),
            "referencedate": day(header.reference_date, iso),
            "sourcelevel": header.source_level,
            "softwarecode": header.software_code,
            "release": header.release,
            "serialno": str(header.serial_no),
            "datetime": "2026-Mar-31 09:00:00",
            "lea": header.la,
            "dmo": header.dmo,
            "dco": header.dco,
        },
    )
    for person in persons:
        pid = add(
            "person",
            {
                "sen2tableid": sen2,
                "surname": person.surname,
                "forename": person.forename,
                "personbirthdate": day(person.birth_date, iso),
                "sex": person.sex,
                "ethnicity": person.ethnicity,
                "postcode": person.postcode,
                "upn": person.upn,
                "uniquelearnernumber": person.uln,
                "upnunknown": person.upn_unknown,
            },
        )
        for request in person.requests:
            rid = add(
                "requests",
                {
                    "persontableid": pid,
                    "receiveddate": day(request.received_date, iso),
                    "rya": flag(request.rya),
                    "requestoutcomedate": day(request.outcome_date, iso),
                    "requestoutcome": request.outcome,
                    "requestmediation": flag(request.mediation),
                    "requesttribunal": flag(request.tribunal),
                    "exported": flag(request.exported),
                    "requestsource": number(request.source),
                },
            )
            if (a := request.assessment) is not None:
                aid = add(
                    "assessment",
                    {
                        "requeststableid": rid,
                        "assessmentoutcome": a.outcome,
                        "assessmentoutcomedate": day(a.outcome_date, iso),
                        "assessmentmediation": flag(a.mediation),
                        "assessmenttribunal": flag(a.tribunal),
                        "othermediation": flag(a.other_mediation),
                        "othertribunal": flag(a.other_tribunal),
                        "week20": flag(a.week20),
                    },
                )
                if (p := a.named_plan) is not None:
                    nid = add(
                        "namedplan",
                        {
                            "assessmenttableid": aid,
                            "startdate": day(p.start_date, iso),
                            "planres": p.residential,
                            "planwbp": flag(p.work_based),
                            "pb": flag(p.personal_budget),
                            "oa": flag(p.organised_arrangements),
                            "dp": flag(p.direct_payments),
                            "ceasedate": day(p.cease_date, iso),
                            "ceasereason": number(p.cease_reason),
                        },
                    )
                    for ref in p.named_settings:
                        add("plandetail", {"namedplantableid": nid, **setting(ref)})
            if (ap := request.active_plan) is not None:
                apid = add(
                    "activeplans",
                    {
                        "requeststableid": rid,
                        "transferla": ap.transfer_la,
                        "reviewmeeting": day(ap.review_meeting, iso),
                        "reviewoutcome": ap.review_outcome,
                        "lastreview": day(ap.last_review, iso),
                    },
                )
                for pl in ap.placements:
                    add(
                        "placementdetail",
                        {
                            "activeplanstableid": apid,
                            "res": pl.residential,
                            "wbp": flag(pl.work_based),
                            "entrydate": day(pl.entry_date, iso),
                            "leavingdate": day(pl.leaving_date, iso),
                            **setting(pl),
                        },
                    )
                for need in ap.needs:
                    add(
                        "senneed",
                        {
                            "activeplanstableid": apid,
                            "sentype": need.sen_type,
                            "sentyperank": number(need.rank),
                        },
                    )
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for module, columns in COLUMNS.items():
        path = folder / f"Blade-Export_{stamp}_{module}.csv"
        names = [f"{module}tableid", "NativeId", f"{module}orderseqcolumn", "sourceid"]
        names += columns.split()
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=names)
            writer.writeheader()
            writer.writerows(rows[module])
        files[module] = path
    return files
