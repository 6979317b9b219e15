"""The workforce: the training register and the establishment (issue 18; docs/workforce.md):

- ``/workforce/`` (``web:workforce``): staff current in training by service and programme,
  new starters' induction, links to the KPIs;
- ``/workforce/courses/``, ``/workforce/courses/new/``, ``/workforce/courses/<id>/``
  (sessions and the course's survey), ``/workforce/courses/<id>/sessions/new/``;
- ``/workforce/sessions/<id>/``: a session's register, recorded for many people at once;
  ``/workforce/sessions/<id>/import/``: the same from a sign-in sheet, all or nothing;
- ``/workforce/people/``, ``/workforce/people/new/``, ``/workforce/people/<id>/``: people in
  the register and each one's training record; ``…/leaving/``: record a person leaving;
- ``/workforce/posts/``, ``/workforce/posts/new/``, ``/workforce/posts/<id>/fill/``: planned
  and filled posts by team, beside case officers' capacity (casework's caseloads).

Team managers, service managers and QA auditors see them; team and service managers
record. Everyone else gets 403; another area's course, session, person or post is 404.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from senda import audit, kernel
from senda.casework.caseloads import team_caseloads, team_totals
from senda.kernel import ActionError
from senda.people import workforce
from senda.people.attendance_import import HEADINGS, import_attendance
from senda.people.models import (
    Attendance,
    Course,
    Membership,
    Post,
    Programme,
    Role,
    Service,
    Trainee,
    TrainingSession,
)
from senda.people.training_actions import (
    MANAGE_ROLES,
    SEE_ROLES,
    add_course,
    add_post,
    add_session,
    add_trainee,
    fill_post,
    record_attendance,
    record_leaving,
)
from senda.performance import catalogue
from senda.quality.advice import THEMES
from senda.quality.models import ThemeCourse
from senda.sheets import ImportFailed, Problem
from senda.web.access import membership_for
from senda.web.forms.workforce import (
    AttendanceImportForm,
    CourseForm,
    FillPostForm,
    LeavingForm,
    PostForm,
    RegisterForm,
    SessionForm,
    TraineeForm,
)
from senda.web.tables import workforce as tables
from senda.web.tables.problems import problems_table

T = TypeVar("T")


def require_workforce(user: Any, *, manage: bool = False) -> Membership:
    membership = membership_for(user)
    roles = MANAGE_ROLES if manage else SEE_ROLES
    if membership is None or membership.role not in roles:
        raise PermissionDenied("Your role does not see or record the training register.")
    return membership


def _la_id(request: HttpRequest) -> int:
    own = membership_for(request.user)
    return own.la_id if own else 0


def _one(queryset: Any, pk: int, what: str) -> Any:
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise Http404(f"No such {what}.")
    return row


def _saved(form: Any, write: Callable[[], T]) -> T | None:
    """Run the action ``write``; an ``ActionError`` goes on its form field, else above."""
    try:
        return write()
    except ActionError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    membership = require_workforce(request.user)
    today = kernel.today()
    la_id = membership.la_id
    coverage = workforce.coverage(la_id, today)
    inducted = dict(
        Attendance.objects.current()
        .of_area(la_id)
        .filter(attended=True, session__course__programme=Programme.INDUCTION)
        .order_by()
        .values_list("trainee_id")
        .annotate(first=Min("session__on"))
    )
    starters = [
        (person, workforce.induction(person.started_on, inducted.get(person.pk), today))
        for person in Trainee.objects.filter(
            la_id=la_id, started_on__gt=today - timedelta(days=365), left_on__isnull=True
        )
    ]
    context = {
        "coverage": tables.coverage_table(coverage, list(Programme.values)),
        "starters": [(p, state) for p, state in starters if state in ("due", "overdue")],
        "inducted": sum(state == "done" for _, state in starters),
        "new_starters": len(starters),
        "induction_days": workforce.INDUCTION_DAYS,
        "kpis": [(kpi, catalogue.get(kpi).name) for kpi in workforce.MEASURES],
        "manager": membership.role in MANAGE_ROLES,
    }
    return render(request, "web/workforce/overview.html", context)


@login_required
def courses(request: HttpRequest) -> HttpResponse:
    membership = require_workforce(request.user)
    rows = Course.objects.filter(la_id=membership.la_id)
    context = {"courses": tables.courses_table(rows), "any": rows.exists()}
    context["manager"] = membership.role in MANAGE_ROLES
    return render(request, "web/workforce/courses.html", context)


@login_required
def course_new(request: HttpRequest) -> HttpResponse:
    membership = require_workforce(request.user, manage=True)
    form = CourseForm(_post(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = _saved(form, lambda: add_course(la=membership.la, by=request.user, **data))
        if made is not None:
            messages.success(request, "The course is added.")
            return redirect("web:workforce-course", made.pk)
    return render(request, "web/workforce/form.html", _form(form, "Add a course", "courses"))


def _form(form: Any, title: str, back: str, **more: Any) -> dict[str, Any]:
    return {"form": form, "title": title, "back": f"web:workforce-{back}", **more}


@login_required
def course(request: HttpRequest, course_id: int) -> HttpResponse:
    row = _one(Course.objects.filter(la_id=_la_id(request)), course_id, "course")
    membership = require_workforce(request.user)
    sessions = list(row.sessions.all())
    attended = dict(
        Attendance.objects.current()
        .filter(session__course=row, attended=True)
        .order_by()
        .values_list("session_id")
        .annotate(n=Count("pk"))
    )
    surveys = Attendance.objects.current().filter(session__course=row, attended=True)
    answered = surveys.filter(confident_after__isnull=False)
    both = surveys.filter(confidence_before__isnull=False, confidence_after__isnull=False)
    context = {
        "course": row,
        "sessions": tables.sessions_table(sessions, attended) if sessions else None,
        "answered": answered.count(),
        "confident": answered.filter(confident_after=True).count(),
        "both": both.count(),
        "themes": [
            THEMES.get(link.theme, link.theme)
            for link in ThemeCourse.objects.current().filter(course=row)
        ],
        "improved": sum(
            1 for b, a in both.values_list("confidence_before", "confidence_after") if a > b
        ),
        "manager": membership.role in MANAGE_ROLES,
    }
    return render(request, "web/workforce/course.html", context)


@login_required
def session_new(request: HttpRequest, course_id: int) -> HttpResponse:
    row = _one(Course.objects.filter(la_id=_la_id(request)), course_id, "course")
    require_workforce(request.user, manage=True)
    form = SessionForm(_post(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = _saved(form, lambda: add_session(course=row, by=request.user, **data))
        if made is not None:
            messages.success(request, "The session is added.")
            return redirect("web:workforce-session", made.pk)
    context = _form(form, "Add a session", "course", caption=row.name, back_id=row.pk)
    return render(request, "web/workforce/form.html", context)


def _register_people(session: TrainingSession) -> list[Trainee]:
    """People of the course's services still in post, and anyone already on the register."""
    on_it = Attendance.objects.current().filter(session=session).values("trainee_id")
    return list(
        Trainee.objects.filter(la_id=session.course.la_id)
        .filter(Q(pk__in=on_it) | Q(service__in=session.course.service_list, left_on__isnull=True))
        .order_by("name", "pk")
    )


def _initial(rows: list[Attendance]) -> dict[str, str]:
    initial: dict[str, str] = {}
    for row in rows:
        pk = row.trainee_id
        initial[f"came_{pk}"] = "yes" if row.attended else "no"
        if row.confidence_before:
            initial[f"before_{pk}"] = str(row.confidence_before)
        if row.confidence_after:
            initial[f"after_{pk}"] = str(row.confidence_after)
        if row.confident_after is not None:
            initial[f"confident_{pk}"] = "yes" if row.confident_after else "no"
    return initial


@login_required
def session(request: HttpRequest, session_id: int) -> HttpResponse:
    queryset = TrainingSession.objects.filter(course__la_id=_la_id(request)).select_related(
        "course"
    )
    row = _one(queryset, session_id, "session")
    membership = require_workforce(request.user, manage=request.method == "POST")
    manager = membership.role in MANAGE_ROLES
    current = list(Attendance.objects.current().filter(session=row).select_related("trainee"))
    form = None
    if manager:
        form = RegisterForm(_post(request), people=_register_people(row), initial=_initial(current))
        if request.method == "POST" and form.is_valid():
            try:
                written = record_attendance(session=row, marks=form.marks(), by=request.user)
            except ActionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"{written} line{'s' if written != 1 else ''} recorded.")
                return redirect("web:workforce-session", row.pk)
    context = {
        "session": row,
        "register": tables.register_table(current) if current else None,
        "form": form,
        "future": row.on > kernel.today(),
    }
    return render(request, "web/workforce/session.html", context)


@login_required
def session_import(request: HttpRequest, session_id: int) -> HttpResponse:
    queryset = TrainingSession.objects.filter(course__la_id=_la_id(request)).select_related(
        "course"
    )
    row = _one(queryset, session_id, "session")
    require_workforce(request.user, manage=True)
    form = AttendanceImportForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            written = import_attendance(
                session=row, data=upload.read(), filename=upload.name, by=request.user
            )
        except ImportFailed as failed:
            problems = failed.problems
            form.add_problems(problems)
        else:
            messages.success(request, f"{written} line{'s' if written != 1 else ''} imported.")
            return redirect("web:workforce-session", row.pk)
    context = {
        "session": row,
        "form": form,
        "headings": list(HEADINGS.values()),
        "problems": problems_table(problems) if problems else "",
    }
    return render(request, "web/workforce/import.html", context)


@login_required
def people(request: HttpRequest) -> HttpResponse:
    membership = require_workforce(request.user)
    today = kernel.today()
    rows = Trainee.objects.filter(la_id=membership.la_id).exclude(left_on__lte=today)
    trained = workforce.trained_on(workforce.lines(membership.la_id, today), today)
    service = request.GET.get("service", "")
    if service in Service.values:
        rows = rows.filter(service=service)
    context = {
        "rows": [(person, person.pk in trained) for person in rows],
        "services": Service.choices,
        "service": service,
        "manager": membership.role in MANAGE_ROLES,
    }
    return render(request, "web/workforce/people.html", context)


@login_required
def person_new(request: HttpRequest) -> HttpResponse:
    membership = require_workforce(request.user, manage=True)
    accounts = list(
        User.objects.filter(membership__la_id=membership.la_id)
        .exclude(membership__role__in=[Role.PARENT, Role.YOUNG_PERSON])
        .order_by("last_name", "first_name", "pk")
    )
    form = TraineeForm(_post(request), accounts=accounts)
    if request.method == "POST" and form.is_valid():
        data = form.arguments()
        made = _saved(form, lambda: add_trainee(la=membership.la, by=request.user, **data))
        if made is not None:
            messages.success(request, "The person is added.")
            return redirect("web:workforce-person", made.pk)
    return render(request, "web/workforce/form.html", _form(form, "Add a person", "people"))


@login_required
def person(request: HttpRequest, trainee_id: int) -> HttpResponse:
    row = _one(Trainee.objects.filter(la_id=_la_id(request)), trainee_id, "person")
    membership = require_workforce(request.user)
    today = kernel.today()
    rows = list(
        Attendance.objects.current()
        .filter(trainee=row)
        .select_related("session__course")
        .order_by("-session__on", "pk")
    )
    inducted = min(
        (
            r.session.on
            for r in rows
            if r.attended and r.session.course.programme == Programme.INDUCTION
        ),
        default=None,
    )
    audit.record(
        user=request.user, verb="read", obj=row, request=request, summary=f"trainee {row.pk}"
    )
    context = {
        "person": row,
        "record": tables.record_table(rows, today) if rows else None,
        "trained": row.pk in workforce.trained_on(workforce.lines(row.la_id, today), today),
        "induction": workforce.induction(row.started_on, inducted, today),
        "inducted_on": inducted,
        "induction_due": row.started_on + timedelta(days=workforce.INDUCTION_DAYS),
        "manager": membership.role in MANAGE_ROLES,
    }
    return render(request, "web/workforce/person.html", context)


@login_required
def person_leaving(request: HttpRequest, trainee_id: int) -> HttpResponse:
    row = _one(Trainee.objects.filter(la_id=_la_id(request)), trainee_id, "person")
    require_workforce(request.user, manage=True)
    form = LeavingForm(_post(request))
    if request.method == "POST" and form.is_valid():
        on = form.cleaned_data["on"]
        if _saved(form, lambda: record_leaving(trainee=row, on=on, by=request.user)):
            messages.success(request, "Their leaving is recorded.")
            return redirect("web:workforce-person", row.pk)
    context = _form(form, "Record leaving", "person", caption=row.name, back_id=row.pk)
    return render(request, "web/workforce/form.html", context)


@login_required
def posts(request: HttpRequest) -> HttpResponse:
    membership = require_workforce(request.user)
    today = kernel.today()
    rows = list(Post.objects.filter(la_id=membership.la_id).exclude(ended_on__lte=today))
    planned = Counter(post.team for post in rows if post.needed_from <= today)
    filled = Counter(post.team for post in rows if post.filled_on is not None)
    team = team_caseloads(membership.la, today=today)
    totals = team_totals(team.loads)
    officer_posts = planned[Service.SEN_ASSESSMENT]
    context = {
        "posts": tables.posts_table(rows, membership.role in MANAGE_ROLES, today) if rows else None,
        "teams": [
            (label, planned[code], filled[code]) for code, label in Service.choices if planned[code]
        ],
        "manager": membership.role in MANAGE_ROLES,
        "open_cases": team.open_cases,
        "officers": totals.officers,
        "target_total": totals.target,
        "at_target": totals.at_target,
        "officer_posts": officer_posts,
        "capacity": officer_posts * membership.la.caseload_target,
        "caseload_target": membership.la.caseload_target,
    }
    return render(request, "web/workforce/posts.html", context)


@login_required
def post_new(request: HttpRequest) -> HttpResponse:
    membership = require_workforce(request.user, manage=True)
    form = PostForm(_post(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(form, lambda: add_post(la=membership.la, by=request.user, **data)):
            messages.success(request, "The post is added.")
            return redirect("web:workforce-posts")
    return render(request, "web/workforce/form.html", _form(form, "Add a post", "posts"))


@login_required
def post_fill(request: HttpRequest, post_id: int) -> HttpResponse:
    row = _one(Post.objects.filter(la_id=_la_id(request)), post_id, "post")
    membership = require_workforce(request.user, manage=True)
    people_of = list(Trainee.objects.filter(la_id=membership.la_id, service=row.team))
    form = FillPostForm(_post(request), people=people_of)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        who = form.people.get(data["trainee"] or "")
        if _saved(form, lambda: fill_post(post=row, on=data["on"], trainee=who, by=request.user)):
            messages.success(request, "The post is recorded as filled.")
            return redirect("web:workforce-posts")
    context = _form(form, "Record a post filled", "posts", caption=row.title)
    return render(request, "web/workforce/form.html", context)


urlpatterns: list[URLPattern] = [
    path("workforce/", overview, name="workforce"),
    path("workforce/courses/", courses, name="workforce-courses"),
    path("workforce/courses/new/", course_new, name="workforce-course-new"),
    path("workforce/courses/<id:course_id>/", course, name="workforce-course"),
    path(
        "workforce/courses/<id:course_id>/sessions/new/", session_new, name="workforce-session-new"
    ),
    path("workforce/sessions/<id:session_id>/", session, name="workforce-session"),
    path(
        "workforce/sessions/<id:session_id>/import/",
        session_import,
        name="workforce-session-import",
    ),
    path("workforce/people/", people, name="workforce-people"),
    path("workforce/people/new/", person_new, name="workforce-person-new"),
    path("workforce/people/<id:trainee_id>/", person, name="workforce-person"),
    path(
        "workforce/people/<id:trainee_id>/leaving/",
        person_leaving,
        name="workforce-person-leaving",
    ),
    path("workforce/posts/", posts, name="workforce-posts"),
    path("workforce/posts/new/", post_new, name="workforce-post-new"),
    path("workforce/posts/<id:post_id>/fill/", post_fill, name="workforce-post-fill"),
]
