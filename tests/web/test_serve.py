import sys

from django.core.management import call_command

from senda.web.management.commands import serve


def run_serve(monkeypatch, *args):
    calls = []
    monkeypatch.setattr(serve, "call_command", lambda *a, **k: calls.append(("migrate", a, k)))
    monkeypatch.setattr(serve.os, "execv", lambda path, argv: calls.append(("execv", path, argv)))
    call_command("serve", *args)
    return calls


def test_it_migrates_then_runs_gunicorn_on_localhost_with_two_workers(monkeypatch):
    migrate, execv = run_serve(monkeypatch)
    assert migrate == ("migrate", ("migrate",), {"interactive": False, "verbosity": 0})
    _, path, argv = execv
    assert path == sys.executable
    assert argv[1:4] == ["-m", "gunicorn", "senda.wsgi:application"]
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8000"
    assert argv[argv.index("--workers") + 1] == "2"


def test_it_takes_bind_and_workers(monkeypatch):
    _, (_, _, argv) = run_serve(monkeypatch, "--bind", "0.0.0.0:9000", "--workers", "4")
    assert argv[argv.index("--bind") + 1] == "0.0.0.0:9000"
    assert argv[argv.index("--workers") + 1] == "4"
