"""Every action code the platform writes to the audit trail has a readable label.

The codes are found in the source: every call of ``audit_record`` (or ``audit_fold``)
and of any function that passes its ``action`` parameter on. An action that is neither
a literal nor such a passed-on parameter cannot be checked and fails the test too.
"""

import ast
from pathlib import Path

from django.conf import settings
from django.utils import translation

from core.audit import ACTION_LABELS, action_label

ROOT = Path(__file__).resolve().parent.parent.parent
SKIP_PARTS = {"tests", "migrations", "node_modules", ".venv"}
WRITERS = {"audit_record", "audit_fold"}


def project_modules():
    apps = {name.split(".")[0] for name in settings.INSTALLED_APPS}
    for app in sorted(apps):
        folder = ROOT / app
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.py")):
            if not SKIP_PARTS & set(path.relative_to(ROOT).parts):
                yield path, ast.parse(path.read_text(), filename=str(path))


def _name(func) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _functions(trees):
    for path, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield path, node


def _action_argument(call: ast.Call, index: int | None):
    argument = next((k.value for k in call.keywords if k.arg == "action"), None)
    if argument is None and index is not None and index < len(call.args):
        argument = call.args[index]
    return argument


def _calls(func, passers):
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and _name(node.func) in passers:
            yield node, _action_argument(node, passers[_name(node.func)])


def _passers(trees) -> dict[str, int | None]:
    """The writers and the functions that hand their ``action`` parameter on to one:
    name -> position of ``action`` (None if keyword-only)."""
    found: dict[str, int | None] = dict.fromkeys(WRITERS)
    functions = list(_functions(trees))
    grew = True
    while grew:
        grew = False
        for _path, func in functions:
            positional = [a.arg for a in func.args.posonlyargs + func.args.args]
            names = positional + [a.arg for a in func.args.kwonlyargs]
            if func.name in found or "action" not in names:
                continue
            if any(
                isinstance(argument, ast.Name) and argument.id == "action"
                for _call, argument in _calls(func, found)
            ):
                found[func.name] = positional.index("action") if "action" in positional else None
                grew = True
    return found


def _literals(node) -> set[str] | None:
    """The codes a literal or a choice between literals names; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        if body is not None and orelse is not None:
            return body | orelse
    return None


def used_action_codes() -> tuple[set[str], list[str]]:
    """The literal codes passed to a writer, and the places where a code is not literal."""
    trees = list(project_modules())
    passers = _passers(trees)
    codes, unclear = set(), []
    for path, func in _functions(trees):
        params = {a.arg for a in func.args.posonlyargs + func.args.args + func.args.kwonlyargs}
        for call, argument in _calls(func, passers):
            # A function of the same name elsewhere that takes no action is not a writer.
            if argument is None:
                continue
            found = _literals(argument)
            if found is not None:
                codes |= found
            elif not (
                isinstance(argument, ast.Name) and argument.id == "action" and "action" in params
            ):
                unclear.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    return codes, unclear


def test_the_source_names_its_audit_actions_plainly():
    codes, unclear = used_action_codes()

    assert "application.answer_changed" in codes
    assert "network.workshop_held" in codes  # passed on through a helper
    assert unclear == []


def test_every_audit_action_used_anywhere_has_a_label():
    codes, _unclear = used_action_codes()

    assert sorted(codes - set(ACTION_LABELS)) == []


def test_action_labels_are_german_and_english():
    assert action_label("application.answer_changed") == "Antworten geändert"
    with translation.override("en"):
        assert action_label("application.answer_changed") == "Answers changed"
    assert action_label("unbekannt.code") == "unbekannt.code"
