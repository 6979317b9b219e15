"""Generated docs: written on request, and `--check` fails when a file is out of date."""

from senda import generated_docs
from senda.clock import docs


def test_it_writes_then_checks_a_generated_file(tmp_path, capsys):
    path = tmp_path / "clock.md"
    assert generated_docs.main(["--check", str(path)], docs.render, "senda.clock.docs") == 1
    assert "out of date" in capsys.readouterr().err
    assert docs.main([str(path)]) == 0
    assert docs.main(["--check", str(path)]) == 0
    path.write_text(path.read_text() + "edited by hand\n")
    assert docs.main(["--check", str(path)]) == 1


def test_it_explains_its_usage(capsys):
    assert docs.main([]) == 2
    assert "usage: python -m senda.clock.docs [--check] PATH" in capsys.readouterr().err
