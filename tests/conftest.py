"""Shared fixtures. Factories live in tests/factories.py."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from senda.demo.build import build_area
from senda.kernel import LONDON
from tests import kept
from tests.demo.conftest import TODAY as DEMO_TODAY
from tests.factories import Personas, make_personas
from tests.kept import kept_rows  # noqa: F401 (the fixture behind every kept fixture)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With SENDA_DATABASE_TESTS_ONLY=1 (tests/run-suites.sh's PostgreSQL run), only the
    tests that use the database run: the others cannot reach it, so they give the same
    answer on any database and the SQLite run has them; but for those marked ``balance``,
    which the PostgreSQL run has instead.

    The tests that ask for the same kept rows (tests/kept.py) run one after the other,
    where the first of them is, so the rows are built once; split over pytest-xdist workers,
    they go to one worker together (see :func:`pytest_xdist_make_scheduler`)."""
    if os.environ.get("SENDA_DATABASE_TESTS_ONLY") == "1":
        without = [item for item in items if not _for_database_run(item)]
        if without:
            config.hook.pytest_deselected(items=without)
            items[:] = [item for item in items if _for_database_run(item)]
    for name in sorted(kept.BUILDERS):
        users = [item for item in items if name in getattr(item, "fixturenames", ())]
        if len(users) > 1:
            first = items.index(users[0])
            rest = [item for item in items[first:] if item not in users]
            items[first:] = users + rest
        kept_groups.update({item.nodeid: name for item in users})
    _longest_first(items)
    if kept_groups:
        (kept_groups_folder() / f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.json").write_text(
            json.dumps(kept_groups)
        )


#: Each test asking for kept rows, by node id: the name of the rows (this worker's).
kept_groups: dict[str, str] = {}


def _longest_first(items: list[pytest.Item]) -> None:
    """Order the units of work pytest-xdist hands out (a file, or the tests asking for the
    same kept rows) longest first, by each file's seconds in tests/timings.json shared
    among its tests; a file not there is taken at the median second a test. Longest first,
    the last units a worker takes are short ones, and the two workers end together
    (pytest-xdist's own order, most tests first, left the one-test half-minute files to
    the end). A unit's tests stay together and in their order."""
    from tests import timings

    seconds = timings.load()
    counts: dict[str, int] = {}
    for item in items:
        counts[item.nodeid.split("::", 1)[0]] = counts.get(item.nodeid.split("::", 1)[0], 0) + 1
    each = sorted(seconds[name] / counts[name] for name in counts if name in seconds)
    median = each[len(each) // 2] if each else 0.1
    weight: dict[str, float] = {}
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        name = item.nodeid.split("::", 1)[0]
        unit = kept_groups.get(item.nodeid) or name
        share = seconds[name] / counts[name] if name in seconds else median
        weight[unit] = weight.get(unit, 0.0) + share
        first.setdefault(unit, index)
    order = {id(item): index for index, item in enumerate(items)}

    def key(item: pytest.Item) -> tuple[float, int, int]:
        unit = kept_groups.get(item.nodeid) or item.nodeid.split("::", 1)[0]
        return (-weight[unit], first[unit], order[id(item)])

    items.sort(key=key)


def kept_groups_folder() -> Path:
    """Where each pytest-xdist worker leaves :data:`kept_groups` (a file per worker) for the
    controller's scheduler: a worker's collection goes to the controller as node ids only."""
    return Path(os.environ["SENDA_KEPT_GROUPS"])


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput") and "SENDA_KEPT_GROUPS" not in os.environ:
        # The controller (or a run without workers): the workers it starts inherit this.
        os.environ["SENDA_KEPT_GROUPS"] = tempfile.mkdtemp(prefix="senda-kept-")
        config.add_cleanup(lambda: shutil.rmtree(os.environ.pop("SENDA_KEPT_GROUPS"), True))


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """With ``--dist loadfile`` (tests/run-suites.sh): each test file is one unit of work,
    except that the tests asking for the same kept rows, from whatever file, are one unit,
    so one worker builds the rows once (the demo area takes ~16 s, and was built about 15
    times a run when its 15 files were spread over workers). pytest-xdist's own
    ``--dist loadgroup`` cannot be used: it renames node ids, which pytest 9 ignores."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    # The workers' collection is already longest first (_longest_first): keep its order.
    config.option.loadscopereorder = False
    folder = kept_groups_folder()

    class ByFileOrKeptRows(LoadScopeScheduling):
        groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.groups is None:
                # Every worker has finished collecting (and so written its file) before
                # the scheduler first asks.
                self.groups = {}
                for path in folder.glob("*.json"):
                    self.groups.update(json.loads(path.read_text()))
            group = self.groups.get(nodeid)
            return f"kept rows: {group}" if group else nodeid.split("::", 1)[0]

    return ByFileOrKeptRows(config, log)


def _for_database_run(item: pytest.Item) -> bool:
    """Whether the PostgreSQL run has ``item``: it uses the database, or it is marked
    ``balance`` (long, the same anywhere: moved there from the SQLite run, tests/run-suites.sh)."""
    return uses_database(item) or item.get_closest_marker("balance") is not None


def uses_database(item: pytest.Item) -> bool:
    """pytest-django lets a test reach the database through its ``django_db`` mark or a
    fixture built on ``django_db_setup`` (``db``, ``transactional_db``, kept rows) only."""
    fixtures = getattr(item, "fixturenames", ())
    return item.get_closest_marker("django_db") is not None or "django_db_setup" in fixtures


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test that does not ask for the kept rows open now starts without them."""
    name = kept.kept_name()
    if name is not None and name not in getattr(item, "fixturenames", ()):
        kept.release()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """pytest-django's per-worker test database name, and, with
    ``SENDA_TEST_DATABASE_TEMPLATE`` (tests/run-suites.sh's PostgreSQL run), the migrated
    database each worker's is copied from (tests/pg_template.py)."""
    template = os.environ.get("SENDA_TEST_DATABASE_TEMPLATE")
    if template:
        from django.db import connections

        connections["default"].settings_dict.setdefault("TEST", {})["TEMPLATE"] = template


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None) -> Iterator[None]:
    """pytest-django's test database; kept rows are rolled back before it goes."""
    yield
    kept.release()


demo_area = kept.kept_fixture(
    "demo_area",
    lambda: build_area(seed=7, today=DEMO_TODAY, cases=300, password="demo-test-password"),
)
demo_area.__doc__ = """The demo area (Seaview, 300 cases, 10 March 2026): about 5 s to build, so
built once and kept while the tests that read it run (tests/kept.py)."""


DFE_DATA = Path(__file__).resolve().parents[1] / "data" / "dfe-ehcp"


def _imported(path: Path) -> None:
    from senda.performance.dfe import import_path

    import_path(path)


dfe_2025 = kept.kept_fixture(
    "dfe_2025", lambda: _imported(DFE_DATA / "education-health-and-care-plans_2025.zip")
)
dfe_2025.__doc__ = """DfE's 2025 release (data/dfe-ehcp), imported: a second or two, so imported
once and kept while the tests that read it run (tests/kept.py)."""
dfe_releases = kept.kept_fixture("dfe_releases", lambda: _imported(DFE_DATA))
dfe_releases.__doc__ = """Every DfE release in data/dfe-ehcp, imported once and kept."""


@pytest.fixture
def personas(db: None) -> Personas:
    """See :class:`tests.factories.Personas`."""
    return make_personas()


@pytest.fixture
def today_is(time_machine) -> Callable[[date], None]:
    """Fix today, the one way tests do: ``today_is(date(2026, 6, 15))`` stops the clock at
    noon that day in Europe/London (``senda.kernel.today()`` answers it, and so does every
    other clock) until the test ends."""

    def move(day: date) -> None:
        time_machine.move_to(datetime.combine(day, time(12), tzinfo=LONDON), tick=False)

    return move


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    """Personas sign in with a password; a fast hasher keeps the suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory) -> None:
    """Uploaded files go to a folder of the test session's, never the data directory."""
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Cached pages key on the area's latest audited write; tests that write rows directly
    (no audit) and reuse ids after a rollback must not see another test's cached page."""
    from django.core.cache import cache

    from senda.pathways import waits
    from senda.web.memo import clear_all

    cache.clear()
    clear_all()
    waits.forget()


@pytest.fixture(autouse=True, scope="session")
def _static_files_listed_once() -> Iterator[None]:
    """WhiteNoise lists every static file (about a thousand) when its middleware starts, and
    Django's test client starts the middleware afresh for each client: 0.2 s a test. The
    list is made once per session for the settings it depends on, then reused."""
    from django.conf import settings
    from whitenoise.middleware import WhiteNoiseMiddleware

    listing = WhiteNoiseMiddleware.add_files_from_finders
    listed: dict[str, dict[str, Any]] = {}

    def list_once(self: WhiteNoiseMiddleware) -> None:
        key = repr(
            [self.static_prefix, self.max_age, self.allow_all_origins, self.charset]
            + [getattr(settings, name, None) for name in _STATIC_SETTINGS]
            + [(name, getattr(settings, name)) for name in dir(settings) if "WHITENOISE" in name]
        )
        if key not in listed:
            before = dict(self.files)
            listing(self)
            listed[key] = {u: f for u, f in self.files.items() if before.get(u) is not f}
        self.files.update(listed[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WhiteNoiseMiddleware, "add_files_from_finders", list_once)
        yield


_STATIC_SETTINGS = (
    "DEBUG",
    "FORCE_SCRIPT_NAME",
    "INSTALLED_APPS",
    "STATIC_ROOT",
    "STATIC_URL",
    "STATICFILES_DIRS",
    "STATICFILES_FINDERS",
    "STORAGES",
)


@pytest.fixture(autouse=True, scope="session")
def _flush_keeps_permissions() -> Iterator[None]:
    """A transactional test (the browser tests: pytest-django's ``transactional_db``) ends
    with Django emptying every table (``flush``) and then sending ``post_migrate``, whose
    receivers put back the content types and permissions row by row, app by app: 0.1 to
    0.45 s a test (by the load), where the emptying takes 0.03 s. The rows they put back
    are the same every time, so they are kept from the first flush and written back with
    one insert per table."""
    from django.core.management import call_command
    from django.test import TransactionTestCase

    kept: dict[str, list[tuple[Any, list[dict[str, Any]]]]] = {}

    def flush(self: TransactionTestCase) -> None:
        aliases = self._databases_names(include_mirrors=False)
        if self.available_apps is not None or self.serialized_rollback:
            original(self)
            return
        if not all(alias in kept for alias in aliases):
            original(self)  # the first time: Django's flush and post_migrate
            kept.update({alias: _permission_rows(alias) for alias in aliases})
            return
        for alias in aliases:
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                database=alias,
                reset_sequences=False,
                inhibit_post_migrate=True,
            )
            for model, rows in kept[alias]:
                model.objects.using(alias).bulk_create([model(**row) for row in rows])
        _clear_content_type_cache()

    original = TransactionTestCase._fixture_teardown
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", flush)
        yield


def _permission_rows(alias: str) -> list[tuple[Any, list[dict[str, Any]]]]:
    """The rows ``post_migrate`` makes (content types, then the permissions naming them)."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    return [
        (model, list(model.objects.using(alias).order_by("pk").values()))
        for model in (ContentType, Permission)
    ]


def _clear_content_type_cache() -> None:
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
