"""Every save says so: a view that handles a POST and then redirects adds a success message,
which the layout shows as GOV.UK's success notification banner (``web/_messages.html``).

The check reads the views' source: a function redirects if it calls ``redirect`` (or a helper
of its module that does), handles a POST if it compares ``request.method`` with "POST" or
is decorated ``require_POST``, and confirms if it calls ``messages.success`` (or a helper
that does). Redirects that are not saves are listed in ``NOT_SAVES`` with the reason."""

from __future__ import annotations

import ast
from pathlib import Path

from senda.web import views

VIEWS = Path(views.__file__).parent
#: (module, function): why its redirect after a POST is not a save.
NOT_SAVES = {
    ("portal_reviews", "check"): "sent: the next page is the GOV.UK confirmation panel",
    ("mfa", "sign_in_code"): "signing in: the next page is what was asked for",
    ("corrections", "_refusal"): "nothing saved: the step was already corrected (info banner)",
    ("family_request", "family_request"): "sent: the next page is the GOV.UK confirmation panel",
}


def _calls(node: ast.AST) -> set[str]:
    """Names called inside ``node``: ``redirect``, ``messages.success`` …"""
    names = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            func = call.func
            if isinstance(func, ast.Name):
                names.add(func.id)
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                names.add(f"{func.value.id}.{func.attr}")
    return names


def _handles_post(function: ast.FunctionDef) -> bool:
    decorators = {ast.unparse(d) for d in function.decorator_list}
    if "require_POST" in decorators:
        return True
    return any(
        isinstance(node, ast.Compare)
        and "request.method" in ast.unparse(node)
        and "'POST'" in ast.unparse(node)
        for node in ast.walk(function)
    )


def unconfirmed_saves() -> list[str]:
    found = []
    for path in sorted(VIEWS.glob("*.py")):
        tree = ast.parse(path.read_text())
        functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
        calls = {name: _calls(f) for name, f in functions.items()}
        redirects = {n for n, c in calls.items() if {"redirect", "HttpResponseRedirect"} & c}
        confirms = {n for n, c in calls.items() if "messages.success" in c}
        for _ in range(3):  # helpers of helpers
            redirects |= {n for n, c in calls.items() if c & redirects}
            confirms |= {n for n, c in calls.items() if c & confirms}
        for name in sorted(redirects - confirms):
            if _handles_post(functions[name]) and (path.stem, name) not in NOT_SAVES:
                found.append(f"{path.stem}.{name}")
    return found


def test_it_confirms_every_save_that_redirects_with_a_success_banner() -> None:
    assert unconfirmed_saves() == []


def test_it_gives_each_banner_its_own_title_id() -> None:
    """Two messages on one page (a save, then a notice) must not repeat an id."""
    from django.template.loader import render_to_string

    class Message:
        def __init__(self, level_tag: str, message: str) -> None:
            self.level_tag, self.message = level_tag, message

    html = render_to_string(
        "web/_messages.html",
        {"messages": [Message("success", "Saved."), Message("info", "Signed out soon.")]},
    )
    ids = [part.split('"')[0] for part in html.split(' id="')[1:]]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_only_the_layout_shows_the_messages() -> None:
    """A page that includes ``web/_messages.html`` itself shows each banner twice (the
    layout shows them already): the needs profile's pages did (issue 18's walk)."""
    templates = VIEWS.parent / "templates"
    including = sorted(
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if '"web/_messages.html"' in path.read_text(encoding="utf-8")
    )
    assert including == ["web/layout.html"]
