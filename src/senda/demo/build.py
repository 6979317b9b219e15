"""``build_area``: plan the fictional area in memory, then write it in one transaction.

Seaview County Council (LA 990, East Midlands) holds the area; Northmoor Borough Council
(LA 991) is a second area with a handful of cases, so a user of one can be shown to see
nothing of the other. 9xx LA numbers are not allocated to any English local authority.
Everything is drawn from one ``random.Random(seed)`` in a fixed order, so the same seed and
``today`` give the same area. Rows go in with ``bulk_create``; the deadlines come from the
pure clock, evaluated for ``today``; one audit entry records the build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import connection, transaction

import senda.clock as clock
from senda.audit.models import AuditEntry
from senda.casework.clock_input import clock_child, clock_policy
from senda.casework.deadlines import deadline_rows
from senda.casework.models import Case, CaseEvent
from senda.casework.summary import SUMMARY_FIELDS, summarise
from senda.demo import corrections, families, perf_facts, sen2, sen2_facts
from senda.demo import personas as p
from senda.demo.adulthood import write_adulthood
from senda.demo.area import AreaPlan, assign_officers, plan_area
from senda.demo.child_flags import Flags, draw_child_flags
from senda.demo.child_groups import write_child_groups
from senda.demo.destinations import write_destinations
from senda.demo.disabled_children import write_register
from senda.demo.forecasts import write_forecasts, write_scenario
from senda.demo.governance import write_governance
from senda.demo.improvement import write_plan
from senda.demo.money import write_money
from senda.demo.names import LOCALITIES, OTHER_LOCALITIES
from senda.demo.nd_profiles import write_nd_profiles
from senda.demo.people_gen import Register
from senda.demo.performance import write_performance
from senda.demo.places import write_places
from senda.demo.portal import write_portal
from senda.demo.quality import write_quality
from senda.demo.records import write_records
from senda.demo.retention import write_retention
from senda.demo.staff import Staff, write_staff
from senda.demo.training import write_training
from senda.demo.waiting_list import write_waiting_list
from senda.demo.wipe import wipe
from senda.people.models import Child, FamilyContact, LocalAuthority, Setting
from senda.rows import insert_rows, unsaved, update_rows

#: The main demo area's under-fives review guidance (SEND Code of Practice 9.178).
UNDER_FIVE_MONTHS = 6
BATCH = 2000
MAIN_LA = ("990", "Seaview County Council", "East Midlands")
#: The main area's Local Offer website (an example address: families' pages link to it).
MAIN_LOCAL_OFFER = "https://localoffer.example.org/seaview/"
OTHER_LA = ("991", "Northmoor Borough Council", "East Midlands")
OTHER_LA_CASES = 8
#: The demo's users the portal's story acts as.
PORTAL_STAFF = ("senco", "service-manager", "officer")
#: Share of the main area's open cases with a complaint open now, and closed in the past.
OPEN_COMPLAINTS, CLOSED_COMPLAINTS = 0.01, 0.02


@dataclass(frozen=True, slots=True)
class Built:
    la: LocalAuthority
    other_la: LocalAuthority
    staff: Staff
    password: str
    #: The SEN2 faults planted (``demo.sen2.FAULTS``): the case each went to, by key.
    faults: dict[str, int] = field(default_factory=dict)


def build_area(*, seed: int, today: date, cases: int, password: str | None = None) -> Built:
    """Wipe the previous demo data and build an area with ``cases`` live plans."""
    live_plans = cases  # (the name ``cases`` is reused below)
    rng = Random(seed)
    register = Register(rng)
    scale = max(0.1, min(1.0, cases / 4000))
    main = plan_area(rng, today, cases, MAIN_LA[0], LOCALITIES, register, scale)
    other = plan_area(rng, today, OTHER_LA_CASES, OTHER_LA[0], OTHER_LOCALITIES, register, 0.02)
    assign_officers(rng, main, p.CASE_OFFICERS)
    for case in other.cases:
        case.officer = 0
    staff_names = register.staff_names(p.CASE_OFFICERS + 8)
    family = p.family_cases(main, today)
    password = password or p.demo_password()
    # SEN2's facts, each from its own random stream (the area above is unchanged by them):
    # the children's flags as they are today, and as they were when the data-quality
    # history begins (``demo.sen2``); placements, named settings, needs and postcodes.
    flags = draw_child_flags(seed=seed, area=main, today=today)
    history = sen2.plan_history(seed=seed, final=flags)
    main_facts = sen2_facts.draw(
        Random(f"{seed}-sen2"),
        main,
        today,
        home_educated=[f.elective_home_education for f in flags],
        district=1,
    )
    other_facts = sen2_facts.draw(Random(f"{seed}-sen2-other"), other, today, district=2)
    with transaction.atomic():
        wipe()
        # The main area follows the under-fives guidance (every 6 months) so its pages show
        # it; a new local area has it off.
        la, other_la = (
            LocalAuthority.objects.create(
                code=c,
                name=n,
                region=r,
                caseload_target=p.CASELOAD_TARGET,
                under_five_review_months=months,
                local_offer_url=offer,
            )
            for c, n, r, months, offer in (
                (*MAIN_LA, UNDER_FIVE_MONTHS, MAIN_LOCAL_OFFER),
                (*OTHER_LA, None, ""),
            )
        )
        main_settings, other_settings = _settings(main, la), _settings(other, other_la)
        main_cases = _children_and_cases(main, la, main_settings, main_facts, history.first)
        other_cases = _children_and_cases(other, other_la, other_settings, other_facts, None)
        staff = write_staff(
            main=main,
            la=la,
            other_la=other_la,
            main_settings=main_settings,
            main_cases=main_cases,
            password_hash=make_password(password),
            names=staff_names,
            family=family,
            today=today,
        )
        _allocate(main, main_cases, staff.officers)
        _allocate(other, other_cases, [staff.other_officer])
        everything = [
            *zip(main.cases, main_cases, strict=True),
            *zip(other.cases, other_cases, strict=True),
        ]
        plans = write_records(everything, [f.plan for f in (*main_facts, *other_facts)])
        for cases, facts, settings in (
            (main_cases, main_facts, main_settings),
            (other_cases, other_facts, other_settings),
        ):
            sen2.write_placements(
                (
                    (case, plans[case.pk], f.plan)
                    for case, f in zip(cases, facts, strict=True)
                    if f.plan is not None
                ),
                settings,
            )
        events = _events(everything, staff)
        corrections.record_days(today)
        main_by_id = {case.pk: case for case in main_cases}
        corrections.write_mistakes(
            Random(f"{seed}-corrections"),
            [event for event in events if event.case_id in main_by_id],
            main_by_id,
            staff.team_manager,
            today,
        )
        _deadlines(everything, today)
        _complaints(Random(f"{seed}-complaints"), la, main_cases, staff, today)
        by_name = {u.username: u for u in User.objects.filter(username__in=PORTAL_STAFF)}
        write_portal(
            seed=seed,
            la=la,
            main_settings=main_settings,
            senco=by_name["senco"],
            service_manager=by_name["service-manager"],
            team_manager=staff.team_manager,
            officer=by_name["officer"],
            password_hash=staff.team_manager.password,
            today=today,
        )
        plan = write_plan(seed=seed, la=la, today=today, password_hash=staff.team_manager.password)
        # The partnership's governance: its bodies, the delivery group's meeting on the
        # plan's latest board pack, its decisions, action log and escalations.
        write_governance(la=la, plan=plan, today=today)
        _families(seed, la, main, main_cases, family, staff, today)
        # The planner's statistics now the cases, steps and deadlines are in (``_analyze``):
        # the QA sample, the data-quality history and the tick's ~2,000 queries that follow
        # are planned on them, not as if every table were empty.
        _analyze()
        # The QA records first: the performance history's tick counts the QA KPIs from
        # them (``senda.performance.tick.records_facts``), as it counts every other record.
        write_quality(seed=seed, la=la, today=today)
        sen2.write_history(
            la=la,
            today=today,
            children=[case.child for case in main_cases],
            final=flags,
            history=history,
        )
        sen2.write_past_return(la=la, today=today, by=by_name["service-manager"])
        faults = sen2.write_faults(
            seed=seed, la=la, today=today, skip={main_cases[i].pk for i in family.indexes}
        )
        write_places(
            seed=seed,
            la=la,
            today=today,
            by=by_name["service-manager"],
            skip={*faults.values(), *(main_cases[i].pk for i in family.indexes)},
        )
        # The ND waiting list before the performance history: its tick computes the waits.
        write_waiting_list(seed=seed, la=la, today=today, by=by_name["service-manager"])
        # The needs profiles after the referrals they come before (the tick counts them).
        write_nd_profiles(
            seed=seed,
            la=la,
            today=today,
            senco=by_name["senco"],
            lead=User.objects.get(username="qa-auditor"),
            parent=User.objects.get(username="parent"),
        )
        # Preparing for adulthood before the performance history: its tick computes the
        # reviews' PfA outcomes and the transition KPIs.
        write_adulthood(seed=seed, la=la, today=today, by=by_name["officer"])
        # The disabled children's register too: its tick counts short breaks and offers.
        write_register(seed=seed, la=la, today=today, by=by_name["service-manager"])
        # Looked-after and previously looked-after children, and a few missing education:
        # the KPIs' breakdown by vulnerable group (before the performance history's tick).
        write_child_groups(
            seed=seed,
            la=la,
            today=today,
            by=by_name["service-manager"],
            skip={*faults.values(), *(main_cases[i].pk for i in family.indexes)},
        )
        # The participation extracts too: its tick computes NEET and sustained EET.
        write_destinations(seed=seed, la=la, today=today, by=by_name["service-manager"])
        # The training register too: its tick computes the workforce KPIs.
        write_training(
            seed=seed, la=la, today=today, officers=staff.officers, by=by_name["service-manager"]
        )
        # The ledger before the performance history: its tick computes spend per plan and
        # the deficit.
        # Every case's steps are written: the fact history's tallies begin (in a second
        # process on two processors) while the money, forecasts and figures are written.
        _analyze()  # again, with the portal, QA, pathways and adulthood records in
        facts_history = perf_facts.start(la, today)
        write_money(seed=seed, la=la, today=today, cases=live_plans)
        # The forecasts read every plan and placement written above (``demo.forecasts``);
        # before the performance history, whose tick takes the forecast error from them.
        write_forecasts(la=la, today=today)
        write_scenario(la=la, today=today, by=by_name["service-manager"])
        write_performance(la=la, today=today, started=facts_history)
        # A young person long past their 31st birthday, and the retention review on the day:
        # records awaiting a service manager's approval (after the facts: none count it).
        write_retention(la=la, today=today, officer=by_name["officer"])
        AuditEntry.objects.create(
            user=None,
            la=la,
            verb="write",
            object_type="people.LocalAuthority",
            object_id=str(la.pk),
            summary="demo area built",
        )
    _analyze()
    return Built(la, other_la, staff, password, faults)


def _analyze() -> None:
    """Refresh the planner's statistics after the bulk load (PostgreSQL and SQLite alike):
    without them both plan the list and triage queries as if every table were empty."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _settings(area: AreaPlan, la: LocalAuthority) -> list[Setting]:
    return Setting.objects.bulk_create(
        Setting(
            la=la,
            name=s.name,
            urn=s.urn,
            ukprn=s.ukprn,
            phase=s.phase,
            type=s.type,
            locality=s.locality,
        )
        for s in area.settings
    )


def _children_and_cases(
    area: AreaPlan,
    la: LocalAuthority,
    settings: list[Setting],
    facts: list[sen2_facts.ChildFacts],
    flags: list[Flags] | None,
) -> list[Case]:
    """The area's children (with their SEN2 ``facts`` and ``flags``), contacts and cases."""
    flags = flags or [Flags()] * len(area.cases)
    children = Child.objects.bulk_create(
        (
            Child(
                la=la,
                given_name=c.child.given_name,
                family_name=c.child.family_name,
                date_of_birth=c.child.dob,
                sex=c.child.sex,
                upn=c.child.upn,
                uln=c.child.uln,
                nhs_number=c.child.nhs_number,
                primary_need=c.child.need,
                setting=None if c.setting is None else settings[c.setting],
                secondary_need=f.secondary_need,
                ethnicity=f.ethnicity,
                postcode=f.postcode,
                upn_unknown=flag.upn_unknown,
                elective_home_education=flag.elective_home_education,
                missing_education=flag.missing_education,
            )
            for c, f, flag in zip(area.cases, facts, flags, strict=True)
        ),
        batch_size=BATCH,
    )
    FamilyContact.objects.bulk_create(
        (
            FamilyContact(
                child=child,
                name=c.child.contact.name,
                relationship=c.child.contact.relationship,
                email=c.child.contact.email,
                phone=c.child.contact.phone,
            )
            for child, c in zip(children, area.cases, strict=True)
        ),
        batch_size=BATCH,
    )
    return Case.objects.bulk_create(
        (
            Case(
                la=la,
                child=child,
                opened_on=c.story.opened_on,
                status=Case.Status.OPEN if c.story.is_open else Case.Status.CLOSED,
            )
            for child, c in zip(children, area.cases, strict=True)
        ),
        batch_size=BATCH,
    )


def _allocate(area: AreaPlan, cases: list[Case], officers: list) -> None:
    for spec, case in zip(area.cases, cases, strict=True):
        case.officer = None if spec.officer is None else officers[spec.officer]
    update_rows(cases, ["officer"])


def _events(everything: list, staff: Staff) -> list[CaseEvent]:
    rows = []
    for spec, case in everything:
        by = case.officer or staff.team_manager
        plan = spec.story.plan
        came_from = plan.transferred_from_la if plan is not None else ""
        for e in spec.story.events:
            rows.append(
                unsaved(
                    CaseEvent,
                    case_id=case.pk,
                    type=e.type,
                    on=e.on,
                    outcome=e.outcome or "",
                    discipline=e.discipline or "",
                    ground=e.ground or "",
                    applies_to=list(e.applies_to) if e.applies_to is not None else None,
                    kind=e.kind or "",
                    last_review=e.last_review,
                    move_date=e.move_date,
                    from_la=came_from if e.type == "transferred_in" else "",
                    cease_reason=e.reason,
                    recorded_by_id=by.pk,
                )
            )
    # The cases were made in this transaction, so their steps are the rows just written.
    insert_rows(rows, ids_where={"case__la__in": {case.la_id for _, case in everything}})
    return rows


def _deadlines(everything: list, today: date) -> None:
    calendar = clock.england_and_wales()
    rows = []
    for spec, case in everything:
        policy = clock_policy(case.la)
        child = clock_child(spec.child.dob)
        found = clock.evaluate(
            spec.story.events, today, child=child, policy=policy, calendar=calendar
        )
        rows.extend(deadline_rows(case, found, today))
        summarise(case, spec.story.events, found, today=today)
    insert_rows(rows)
    update_rows([case for _, case in everything], SUMMARY_FIELDS)


def _complaints(
    rng: Random, la: LocalAuthority, cases: list[Case], staff: Staff, today: date
) -> None:
    """A few complaints (from their own random stream, so the rest of the area is
    unchanged): about 1% of open cases with one open now, 2% with one closed earlier."""
    open_cases = [case for case in cases if case.status == Case.Status.OPEN]
    n_open = max(1, round(len(open_cases) * OPEN_COMPLAINTS))
    n_closed = round(len(open_cases) * CLOSED_COMPLAINTS)
    families.write_complaints(
        rng,
        la=la,
        cases=open_cases,
        n_open=n_open,
        n_closed=n_closed,
        fallback=staff.team_manager,
        today=today,
    )


def _families(
    seed: int,
    la: LocalAuthority,
    main: AreaPlan,
    main_cases: list[Case],
    family: p.FamilyCases,
    staff: Staff,
    today: date,
) -> None:
    """Issue 14: disagreements, surveys, recommendations and the families' documents."""
    persona_cases = family.indexes
    skip = {main_cases[i].pk for i in persona_cases}
    families.write_disagreements(
        seed=seed,
        la=la,
        pairs=list(zip(main.cases, main_cases, strict=True)),
        live_plans=sum(1 for c in main.cases if c.story.has_live_plan),
        skip=skip,
        team_manager=staff.team_manager,
        today=today,
    )
    manager = User.objects.get(username="service-manager")
    families.write_surveys(seed=seed, la=la, by=manager, skip=skip, today=today)
    families.write_recommendations(la=la, today=today)
    shared_on = {}
    for index in persona_cases:
        story = main.cases[index].story
        plan = story.plan
        if plan is None:
            shared_on[main_cases[index].pk] = story.events[-1].on
        else:
            on = plan.amended_on or plan.issued_on or plan.transferred_in_on
            shared_on[main_cases[index].pk] = on or story.opened_on
    families.share_documents(
        cases=family, main_cases=main_cases, fallback=staff.team_manager, events=shared_on
    )
