"""Writing a parsed plan: one transaction, matched on natural keys so a re-run updates.

- the plan by its LA and title;
- an area by its number (given, or the lowest free one for an area the file does not
  number, unless an area of that title exists);
- an action by its area and reference ("2.3"; "area.n" in file order when the file has
  none, skipping numbers the file uses);
- an aim by its area and its order in the file; a milestone by its action and title; an
  update by its action, date and text (an undated one by its text);
- a partner by kind: the plan's first partner of that kind, else a new one named by it.

Nothing is deleted: an action missing from a re-run file stays as it was, and one
withdrawn in Senda stays withdrawn. A timescale's
dates are only replaced when its words changed, so a timescale a person resolved in Senda
stays resolved.

This is the import path, and the only place outside ``senda.improvement.actions`` that
writes plan records: it is audited once, on the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from senda import audit
from senda.improvement.importer.parse import ActionIn, AreaIn, Parsed
from senda.improvement.importer.problems import ImportResult
from senda.improvement.models import (
    Action,
    ActionUpdate,
    Aim,
    ImprovementArea,
    ImprovementPlan,
    Milestone,
    Partner,
)

__all__ = ["write"]

#: Action fields the file sets; the timescale's dates only with its words.
TEXT_FIELDS = ("what", "how", "kpi_ids", "measures", "lead", "evidence", "impact")


@dataclass
class _Counts:
    created: int = 0
    updated: int = 0
    milestones: int = 0
    updates: int = 0


def write(parsed: Parsed, *, la: Any, by: Any, title: str, today: date) -> ImportResult:
    with transaction.atomic():
        plan = ImprovementPlan.objects.filter(la=la, title=title).order_by("id").first()
        if plan is None:
            plan = ImprovementPlan.objects.create(la=la, title=title)
        if plan.source_layout != parsed.layout.code:
            plan.source_layout = parsed.layout.code
            plan.save(update_fields=["source_layout"])
        writer = _Writer(plan, today)
        for area_in, area in writer.areas(parsed.areas):
            writer.actions(area_in, area)
        writer.finish()
        counts = writer.counts
        audit.record(
            user=by,
            verb="write",
            obj=plan,
            summary=(f"plan import: {counts.created} actions created, {counts.updated} updated"),
        )
    return ImportResult(
        plan=plan,
        created=counts.created,
        updated=counts.updated,
        unresolved=parsed.unresolved,
        joined=parsed.joined,
        layout=parsed.layout.code,
        areas=len(parsed.areas),
        actions=sum(len(a.actions) for a in parsed.areas),
        milestones=counts.milestones,
        updates=counts.updates,
    )


class _Writer:
    def __init__(self, plan: ImprovementPlan, today: date) -> None:
        self.plan = plan
        self.today = today
        self.counts = _Counts()
        self.partners: dict[str, Partner] = {}
        for partner in plan.partners.order_by("name", "id"):
            self.partners.setdefault(partner.kind, partner)
        self.existing = {
            (a.area_id, a.reference): a
            # Withdrawn actions and milestones too: they keep their number and title, so a
            # file that still lists them updates them and leaves them withdrawn.
            for a in Action.all_objects.filter(area__plan=plan).prefetch_related(
                Prefetch("milestones", queryset=Milestone.all_objects.all()), "updates", "partners"
            )
        }
        self.new_milestones: list[Milestone] = []
        self.new_updates: list[ActionUpdate] = []
        self.links: list[Any] = []

    # --- areas and aims ---------------------------------------------------------------

    def areas(self, areas_in: list[AreaIn]) -> list[tuple[AreaIn, ImprovementArea]]:
        existing = {area.number: area for area in self.plan.areas.all()}
        by_title = {area.title.casefold(): area for area in existing.values()}
        used = {a.number for a in areas_in if a.number is not None}
        out = []
        for area_in in areas_in:
            number = area_in.number
            if number is None:
                match = by_title.get(area_in.title.casefold())
                if match is not None and match.number not in used:
                    number = match.number
                else:
                    number = next(n for n in range(1, 1000) if n not in used | set(existing))
                used.add(number)
            area = existing.get(number)
            if area is None:
                area = ImprovementArea.objects.create(
                    plan=self.plan, number=number, title=area_in.title[:300]
                )
                existing[number] = area
            elif area.title != area_in.title[:300]:
                area.title = area_in.title[:300]
                area.save(update_fields=["title"])
            out.append((area_in, area))
        return out

    def aims(self, area_in: AreaIn, area: ImprovementArea) -> dict[str, Aim]:
        texts = list(dict.fromkeys(a.aim for a in area_in.actions if a.aim))
        existing = {aim.number: aim for aim in area.aims.all()}
        found = {}
        for number, text in enumerate(texts, start=1):
            aim = existing.get(number)
            if aim is None:
                aim = Aim.objects.create(area=area, number=number, text=text)
            elif aim.text != text:
                aim.text = text
                aim.save(update_fields=["text"])
            found[text] = aim
        return found

    # --- actions -----------------------------------------------------------------------

    def actions(self, area_in: AreaIn, area: ImprovementArea) -> None:
        aims = self.aims(area_in, area)
        taken = {a.reference for a in area_in.actions if a.reference}
        n = 0
        for action_in in area_in.actions:
            if not action_in.reference:
                n += 1
                while f"{area.number}.{n}" in taken:
                    n += 1
                action_in.reference = f"{area.number}.{n}"
                taken.add(action_in.reference)
            self.action(action_in, area, aims.get(action_in.aim))

    def action(self, action_in: ActionIn, area: ImprovementArea, aim: Aim | None) -> None:
        values: dict[str, Any] = {name: getattr(action_in, name) for name in TEXT_FIELDS}
        values["aim"] = aim
        action = self.existing.get((area.pk, action_in.reference))
        is_new = action is None
        if action is None:
            action = Action.objects.create(
                area=area,
                reference=action_in.reference,
                timescale=action_in.timescale,
                starts_on=action_in.starts_on,
                ends_on=action_in.ends_on,
                timescale_resolved=action_in.resolved,
                **values,
            )
            self.counts.created += 1
            changed = True
            milestones, updates, partners = {}, set(), set()
        else:
            if action.timescale != action_in.timescale:
                values.update(
                    timescale=action_in.timescale,
                    starts_on=action_in.starts_on,
                    ends_on=action_in.ends_on,
                    timescale_resolved=action_in.resolved,
                )
            fields = [name for name, value in values.items() if getattr(action, name) != value]
            for name in fields:
                setattr(action, name, values[name])
            if fields:
                action.save(update_fields=fields)
            changed = bool(fields)
            milestones = {m.title: m for m in action.milestones.all()}
            updates = {(u.on, u.text) for u in action.updates.all()}
            updates |= {(None, u.text) for u in action.updates.all()}
            partners = {p.pk for p in action.partners.all()}
        changed |= self.milestones(action, action_in, milestones)
        changed |= self.updates(action, action_in, updates)
        changed |= self.partner_links(action, action_in, partners)
        if changed and not is_new:
            self.counts.updated += 1

    def milestones(self, action: Action, action_in: ActionIn, existing: dict[str, Any]) -> bool:
        changed = False
        for m in action_in.milestones:
            self.counts.milestones += 1
            found = existing.get(m.title)
            if found is None:
                self.new_milestones.append(
                    Milestone(
                        action=action,
                        title=m.title,
                        note=m.note,
                        due_on=m.due_on,
                        done_on=m.done_on,
                    )
                )
                changed = True
            elif (found.due_on, found.note) != (m.due_on, m.note) or (
                m.done_on and found.done_on != m.done_on
            ):
                found.due_on, found.note = m.due_on, m.note
                found.done_on = m.done_on or found.done_on
                found.save(update_fields=["due_on", "note", "done_on"])
                changed = True
        return changed

    def updates(self, action: Action, action_in: ActionIn, existing: set[Any]) -> bool:
        changed = False
        for u in action_in.updates:
            if (u.on, u.text) in existing:
                continue
            existing.add((u.on, u.text))
            self.new_updates.append(
                ActionUpdate(
                    action=action, on=u.on or self.today, author_name=u.author[:200], text=u.text
                )
            )
            self.counts.updates += 1
            changed = True
        return changed

    def partner_links(self, action: Action, action_in: ActionIn, existing: set[int]) -> bool:
        changed = False
        for kind in action_in.partner_kinds:
            partner = self.partners.get(kind)
            if partner is None:
                partner, _ = Partner.objects.get_or_create(
                    plan=self.plan, name=Partner.Kind(kind).label, defaults={"kind": kind}
                )
                self.partners[kind] = partner
            if partner.pk not in existing:
                existing.add(partner.pk)
                self.links.append(Action.partners.through(action=action, partner=partner))
                changed = True
        return changed

    def finish(self) -> None:
        Milestone.objects.bulk_create(self.new_milestones)
        ActionUpdate.objects.bulk_create(self.new_updates)
        Action.partners.through.objects.bulk_create(self.links)
