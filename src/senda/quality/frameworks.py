"""Configure and version a QA framework. A published version is never changed (an audit
keeps the version it used): a QA lead makes a new draft version (a copy of its domains and
criteria), edits the draft, and publishes it; publishing retires the version it replaces.

    draft = new_version(framework=current(la), by=lead)
    add_criterion(domain=draft.domains.get(code="outcomes"), text="…", by=lead)
    publish(framework=draft, by=lead)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from senda import audit as audit_log
from senda import kernel
from senda.kernel import ActionError, check_choice, check_permission, required_text
from senda.quality.access import qa_lead
from senda.quality.models import Criterion, Domain, Framework, Grade

NAME_MAX = 200
TEXT_MAX = 300
GOOD_MAX = 4000
CITATION_MAX = 200
SECTIONS_MAX = 40
WEIGHT_MAX = Decimal(100)


def current(la: Any, subject: str = "plan", discipline: str = "") -> Framework | None:
    """The framework in use in ``la`` for ``subject`` (and an advice ``discipline``)."""
    return (
        Framework.objects.filter(
            la=la, subject=subject, discipline=discipline, status=Framework.Status.PUBLISHED
        )
        .order_by("-version", "-id")
        .first()
    )


def _lead(by: Any, la_id: int) -> None:
    lead = qa_lead(by)
    check_permission(
        lead is not None and lead.la_id == la_id, "Only a QA lead of this area can do this."
    )


def _draft(framework: Framework, by: Any) -> Framework:
    locked = Framework.objects.select_for_update().get(pk=framework.pk)
    _lead(by, locked.la_id)
    if locked.status != Framework.Status.DRAFT:
        raise ActionError(
            kernel.WHOLE_FORM, "This version is in use or replaced: make a new version to change it"
        )
    return locked


def _write(by: Any, obj: Any, la_id: int, summary: str) -> None:
    audit_log.record(user=by, verb="write", obj=obj, la_id=la_id, summary=summary)


def _decimal(value: Any, field: str, what: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ActionError(field, f"Enter {what} as a number") from None
    if not number.is_finite():
        raise ActionError(field, f"Enter {what} as a number")
    return number


def _weight(value: Any) -> Decimal:
    weight = _decimal(value, "weight", "the weight")
    if weight <= 0 or weight > WEIGHT_MAX:
        raise ActionError("weight", "The weight must be more than 0 and no more than 100")
    return weight.quantize(Decimal("0.01"))


def _text(value: str, field: str, missing: str, limit: int) -> str:
    text = required_text(value, field, missing)
    if len(text) > limit:
        raise ActionError(field, f"This must be {limit} characters or fewer")
    return text


def _optional(value: str, field: str, limit: int) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise ActionError(field, f"This must be {limit} characters or fewer")
    return text


def _code(text: str, taken: set[str]) -> str:
    base = slugify(text)[:30].strip("-") or "item"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


@transaction.atomic
def new_version(*, framework: Framework, by: Any, today: date | None = None) -> Framework:
    """A draft copy of ``framework`` (its domains and criteria) as the next version."""
    _lead(by, framework.la_id)
    if Framework.objects.filter(
        la_id=framework.la_id,
        subject=framework.subject,
        discipline=framework.discipline,
        name=framework.name,
        status=Framework.Status.DRAFT,
    ).exists():
        raise ActionError(kernel.WHOLE_FORM, "A draft of this framework is already being edited")
    top = Framework.objects.filter(
        la_id=framework.la_id,
        subject=framework.subject,
        discipline=framework.discipline,
        name=framework.name,
    ).aggregate(top=Max("version"))["top"]
    draft = Framework.objects.create(
        la_id=framework.la_id,
        subject=framework.subject,
        discipline=framework.discipline,
        name=framework.name,
        version=(top or framework.version) + 1,
        status=Framework.Status.DRAFT,
        outstanding_from=framework.outstanding_from,
        good_from=framework.good_from,
        requires_improvement_from=framework.requires_improvement_from,
        statutory_cap=framework.statutory_cap,
        based_on=framework,
        created_by=by,
    )
    for domain in framework.domains.all().prefetch_related("criteria"):
        criteria = list(domain.criteria.all())
        domain.pk = None
        domain.framework = draft
        domain.save()
        for criterion in criteria:
            criterion.pk = None
            criterion.domain = domain
        Criterion.objects.bulk_create(criteria)
    _write(by, draft, draft.la_id, f"framework {draft.pk}: new version of {framework.pk}")
    return draft


@transaction.atomic
def edit_framework(
    *,
    framework: Framework,
    name: str,
    outstanding_from: Any,
    good_from: Any,
    requires_improvement_from: Any,
    statutory_cap: int,
    by: Any,
) -> Framework:
    """Rename a draft and set its thresholds (0 < RI < Good < Outstanding ≤ 1) and cap."""
    framework = _draft(framework, by)
    name = _text(name, "name", "Enter the framework's name", NAME_MAX)
    outstanding = _decimal(outstanding_from, "outstanding_from", "the Outstanding threshold")
    good = _decimal(good_from, "good_from", "the Good threshold")
    ri = _decimal(
        requires_improvement_from, "requires_improvement_from", "the Requires improvement threshold"
    )
    if ri <= 0:
        raise ActionError("requires_improvement_from", "The threshold must be more than 0")
    if not ri < good:
        raise ActionError("good_from", "Good must start above Requires improvement")
    if not good < outstanding:
        raise ActionError("outstanding_from", "Outstanding must start above Good")
    if outstanding > 1:
        raise ActionError("outstanding_from", "A threshold can be no more than 1 (all met)")
    check_choice(statutory_cap, Grade.values, "statutory_cap", "the highest grade")
    if (
        name != framework.name
        and Framework.objects.filter(
            la_id=framework.la_id,
            subject=framework.subject,
            discipline=framework.discipline,
            name=name,
            version=framework.version,
        ).exists()
    ):
        raise ActionError("name", "Another framework has this name and version")
    framework.name = name
    framework.outstanding_from = outstanding.quantize(Decimal("0.001"))
    framework.good_from = good.quantize(Decimal("0.001"))
    framework.requires_improvement_from = ri.quantize(Decimal("0.001"))
    framework.statutory_cap = int(statutory_cap)
    framework.save()
    _write(by, framework, framework.la_id, f"framework {framework.pk}: edited")
    return framework


def _domain_fields(name: str, sections: str, weight: Any) -> tuple[str, str, Decimal]:
    return (
        _text(name, "name", "Enter the domain's name", NAME_MAX),
        _optional(sections, "sections", SECTIONS_MAX).upper(),
        _weight(weight),
    )


@transaction.atomic
def add_domain(
    *,
    framework: Framework,
    name: str,
    sections: str = "",
    weight: Any = "1",
    is_outcomes: bool = False,
    by: Any,
) -> Domain:
    framework = _draft(framework, by)
    name, sections, weight_ = _domain_fields(name, sections, weight)
    if is_outcomes:
        framework.domains.update(is_outcomes=False)
    domain = Domain.objects.create(
        framework=framework,
        code=_code(name, set(framework.domains.values_list("code", flat=True))),
        name=name,
        sections=sections,
        weight=weight_,
        order=(framework.domains.aggregate(top=Max("order"))["top"] or 0) + 1,
        is_outcomes=is_outcomes,
    )
    _write(by, domain, framework.la_id, f"framework {framework.pk}: domain {domain.pk} added")
    return domain


@transaction.atomic
def edit_domain(
    *,
    domain: Domain,
    name: str,
    sections: str = "",
    weight: Any = "1",
    is_outcomes: bool = False,
    by: Any,
) -> Domain:
    framework = _draft(domain.framework, by)
    domain.name, domain.sections, domain.weight = _domain_fields(name, sections, weight)
    if is_outcomes:
        framework.domains.exclude(pk=domain.pk).update(is_outcomes=False)
    domain.is_outcomes = is_outcomes
    domain.save()
    _write(by, domain, framework.la_id, f"framework {framework.pk}: domain {domain.pk} edited")
    return domain


@transaction.atomic
def remove_domain(*, domain: Domain, by: Any) -> None:
    framework = _draft(domain.framework, by)
    pk = domain.pk
    domain.delete()
    _write(by, framework, framework.la_id, f"framework {framework.pk}: domain {pk} removed")


def _criterion_fields(
    text: str, good_looks_like: str, weight: Any, statutory: bool, citation: str
) -> dict[str, Any]:
    citation = _optional(citation, "citation", CITATION_MAX)
    if statutory and not citation:
        raise ActionError("citation", "Say which law requires it (for example 'reg 12(1)(e)')")
    return {
        "text": _text(text, "text", "Enter the criterion", TEXT_MAX),
        "good_looks_like": _optional(good_looks_like, "good_looks_like", GOOD_MAX),
        "weight": _weight(weight),
        "statutory": bool(statutory),
        "citation": citation,
    }


@transaction.atomic
def add_criterion(
    *,
    domain: Domain,
    text: str,
    good_looks_like: str = "",
    weight: Any = "1",
    statutory: bool = False,
    citation: str = "",
    by: Any,
) -> Criterion:
    framework = _draft(domain.framework, by)
    fields = _criterion_fields(text, good_looks_like, weight, statutory, citation)
    criterion = Criterion.objects.create(
        domain=domain,
        code=_code(fields["text"], set(domain.criteria.values_list("code", flat=True))),
        order=(domain.criteria.aggregate(top=Max("order"))["top"] or 0) + 1,
        **fields,
    )
    _write(
        by, criterion, framework.la_id, f"framework {framework.pk}: criterion {criterion.pk} added"
    )
    return criterion


@transaction.atomic
def edit_criterion(
    *,
    criterion: Criterion,
    text: str,
    good_looks_like: str = "",
    weight: Any = "1",
    statutory: bool = False,
    citation: str = "",
    by: Any,
) -> Criterion:
    framework = _draft(criterion.domain.framework, by)
    for key, value in _criterion_fields(text, good_looks_like, weight, statutory, citation).items():
        setattr(criterion, key, value)
    criterion.save()
    _write(
        by, criterion, framework.la_id, f"framework {framework.pk}: criterion {criterion.pk} edited"
    )
    return criterion


@transaction.atomic
def remove_criterion(*, criterion: Criterion, by: Any) -> None:
    framework = _draft(criterion.domain.framework, by)
    pk = criterion.pk
    criterion.delete()
    _write(by, framework, framework.la_id, f"framework {framework.pk}: criterion {pk} removed")


@transaction.atomic
def publish(*, framework: Framework, by: Any, today: date | None = None) -> Framework:
    """Put a draft in use; the version in use of the same framework is retired."""
    framework = _draft(framework, by)
    today = today or kernel.today()
    domains = list(framework.domains.all())
    if not domains:
        raise ActionError(kernel.WHOLE_FORM, "Add at least one domain before publishing")
    empty = [d.name for d in domains if not d.criteria.exists()]
    if empty:
        raise ActionError(
            kernel.WHOLE_FORM, f"Add a criterion to every domain before publishing ({empty[0]})"
        )
    retired = list(
        Framework.objects.filter(
            la_id=framework.la_id,
            subject=framework.subject,
            discipline=framework.discipline,
            name=framework.name,
            status=Framework.Status.PUBLISHED,
        ).values_list("pk", flat=True)
    )
    if (
        framework.based_on_id not in (None, *retired)
        and framework.based_on.status == Framework.Status.PUBLISHED
    ):
        retired.append(framework.based_on_id)
    Framework.objects.filter(pk__in=retired).update(status=Framework.Status.RETIRED)
    framework.status = Framework.Status.PUBLISHED
    framework.published_on = today
    framework.save()
    _write(
        by,
        framework,
        framework.la_id,
        f"framework {framework.pk}: published"
        + (f", retired {', '.join(map(str, retired))}" if retired else ""),
    )
    return framework
