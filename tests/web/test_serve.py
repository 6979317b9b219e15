import sys

from django.core.management import call_command

from senda.web.management.commands import serve


def run_serve(monkeypatch, *args):
    calls = []
    monkeypatch.setattr(serve, "call_command", lambda *a, **k: calls.append(("migrate", a, k)))
    monkeypatch.setattr(
        serve.os, "execve", lambda path, argv, env: calls.append(("execv", path, argv, env))
    )
    call_command("serve", *args)
    return calls


def test_it_migrates_then_runs_gunicorn_on_localhost_with_two_workers(monkeypatch):
    migrate, execv = run_serve(monkeypatch)
    assert migrate == ("migrate", ("migrate",), {"interactive": False, "verbosity": 0})
    _, path, argv, _ = execv
    assert path == sys.executable
    assert argv[1:4] == ["-m", "gunicorn", "senda.wsgi:application"]
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8000"
    assert argv[argv.index("--workers") + 1] == "2"


def test_it_takes_bind_and_workers(monkeypatch):
    _, (_, _, argv, _) = run_serve(monkeypatch, "--bind", "0.0.0.0:9000", "--workers", "4")
    assert argv[argv.index("--bind") + 1] == "0.0.0.0:9000"
    assert argv[argv.index("--workers") + 1] == "4"


def test_it_serves_with_debug_off_unless_asked(monkeypatch):
    """The demo shows Senda's own 404 and 500 pages, not Django's debug pages."""
    monkeypatch.delenv("SENDA_DEBUG", raising=False)
    _, (*_, env) = run_serve(monkeypatch)
    assert env["SENDA_DEBUG"] == "false"
    monkeypatch.setenv("SENDA_DEBUG", "true")
    _, (*_, env) = run_serve(monkeypatch)
    assert env["SENDA_DEBUG"] == "true"


def test_it_leaves_the_request_log_to_senda(monkeypatch):
    """gunicorn's access log keeps query strings (a search for a name): Senda's own request
    log (senda.web.logs) writes the path alone."""
    _, (_, _, argv, _) = run_serve(monkeypatch)
    assert "--access-logfile" not in argv
