"""Imports point down the layers written in docs/architecture.md.

Every module of every app (without tests and migrations) is parsed, and each import of
another app is checked against the layer order: an app may import apps of lower layers
only, never an app of its own layer or of a higher one. Imports inside functions count
too: a deferred import hides a cycle from Python, not from the reader.
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

# From the top down; apps in one tuple are siblings and do not import each other.
LAYERS = [
    ("kfa",),
    ("funding",),
    ("progress",),
    ("evaluation", "events", "recommendations"),
    ("advisory", "network", "trainings"),
    ("programme",),
    ("selection",),
    ("office", "reviews"),
    ("applications",),
    ("calls",),
    ("accounts",),
    ("municipalities",),
    ("core",),
]

LEVEL = {app: len(LAYERS) - depth for depth, apps in enumerate(LAYERS) for app in apps}


def imported_modules(tree: ast.AST):
    """(line, dotted name) of every absolute import in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def layer_violations(*, app: str, module: str, source: str) -> list[str]:
    """Each import in ``source`` (module ``module`` of ``app``) of an app that ``app``
    may not import, as "module:line imports name (app, layer n) but app is in layer m"."""
    found = []
    for line, name in imported_modules(ast.parse(source)):
        target = name.split(".")[0]
        if target == app or target not in LEVEL:
            continue
        if LEVEL[target] >= LEVEL[app]:
            found.append(
                f"{module}:{line} imports {name} ({target}, layer {LEVEL[target]}) "
                f"but {app} is in layer {LEVEL[app]}"
            )
    return found


def app_modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts or "tests" in relative.parts:
            continue
        yield ".".join(relative.with_suffix("").parts), path


def test_every_project_app_has_a_layer():
    own_apps = {app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()}

    assert own_apps == set(LEVEL)


def test_no_app_imports_upward_or_sideways():
    violations = []
    for app in LEVEL:
        for module, path in app_modules(app):
            violations += layer_violations(app=app, module=module, source=path.read_text())

    assert not violations, "\n".join(["Imports against docs/architecture.md:", *violations])


def test_check_reports_an_upward_import():
    source = "import datetime\n\nfrom core.audit import audit_record\nfrom funding import models\n"

    assert layer_violations(app="core", module="core.markup", source=source) == [
        "core.markup:4 imports funding (funding, layer 12) but core is in layer 1"
    ]


def test_check_reports_a_sibling_import_inside_a_function():
    source = "def reviewers():\n    from office.selectors import application_get_office\n"

    assert layer_violations(app="reviews", module="reviews.views", source=source) == [
        "reviews.views:2 imports office.selectors (office, layer 6) but reviews is in layer 6"
    ]


def test_check_allows_imports_of_lower_layers_and_of_the_own_app():
    source = (
        "from accounts.models import Role\n"
        "from calls.models import Call\n"
        "from selection import services\n"
        "import programme.periods\n"
        "from django.db import models\n"
    )

    assert layer_violations(app="programme", module="programme.cohort", source=source) == []
