"""What a reader sees of a page, and whether it shows a Python module path.

No page may show ``senda.casework.returns``: readers are people, not developers (a
docstring or help text shown as a definition is how one gets in). The role matrix checks
every page it renders (tests/web/test_role_matrix.py), the KPI pages' test every
definition (tests/web/test_web_no_module_paths.py).

The text is taken with regular expressions, not a parser: every page a web test fetches
has passed html5lib's strict parse (tests/web/page_audit.py), so its markup is well formed,
and the matrix checks some 690 pages a run (a 25 kB page: ~0.4 ms this way, ~20 ms through
html5lib again).
"""

from __future__ import annotations

import html
import re

#: A dotted name in Senda's package, as a docstring or help text would give it.
MODULE_PATH = re.compile(r"\bsenda\.\w")
#: What a reader never sees: the head (title included), scripts, styles and comments.
_HIDDEN = re.compile(r"<(head|script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.I | re.S)
#: A tag with its attributes (a quoted value may hold ``>``).
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def visible_text(page: str) -> str:
    """The page's text as a reader sees it: no head, script, style, comment or attribute;
    each tag is a space (as html5lib's text nodes were joined), entities are decoded."""
    return html.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", page)))


def module_paths(page: str) -> list[str]:
    """Each module path the page shows, with the 40 characters either side."""
    text = visible_text(page)
    return [text[max(m.start() - 40, 0) : m.end() + 40] for m in MODULE_PATH.finditer(text)]
