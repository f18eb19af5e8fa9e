"""Fail when an interface string has no English translation.

Extracts the German msgids from the code and templates exactly as `make messages` does,
lists every entry of the English catalogue that is then untranslated or fuzzy, and puts
the committed catalogue back, so the check never changes the working tree.

    .venv/bin/python scripts/check_messages.py

Exit status 0: every string is translated; 1: some are missing (they are listed).
"""

import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PO_FILE = BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"


def extract_messages() -> None:
    import django
    from django.core.management import call_command

    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kfa.settings")
    django.setup()
    # makemessages works on the current directory; the same options as `make messages`.
    os.chdir(BASE_DIR)
    call_command(
        "makemessages",
        locale=["en"],
        ignore_patterns=[".venv", "node_modules", "var"],
        no_obsolete=True,
        verbosity=0,
    )


def lacking_translation(po_text: bytes) -> list[str]:
    from io import BytesIO

    from babel.messages.pofile import read_po

    missing = []
    for message in read_po(BytesIO(po_text)):
        if not message.id:
            continue
        forms = message.string if message.pluralizable else (message.string,)
        if message.fuzzy or not all(forms):
            missing.append(message.id[0] if message.pluralizable else message.id)
    return missing


def main() -> int:
    committed = PO_FILE.read_bytes()
    try:
        extract_messages()
        extracted = PO_FILE.read_bytes()
    finally:
        PO_FILE.write_bytes(committed)

    missing = lacking_translation(extracted)
    if not missing:
        print("All interface strings have an English translation.")
        return 0
    catalogue = PO_FILE.relative_to(BASE_DIR)
    print(f"{len(missing)} string(s) lack an English translation in {catalogue}:")
    for msgid in missing:
        print(f"  - {msgid!r}")
    print("Run `make messages`, translate these entries and remove any `#, fuzzy` flags.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
