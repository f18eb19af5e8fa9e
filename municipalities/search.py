"""One folding rule for the stored search name and for what people type.

SQLite's LIKE ignores case only for ASCII and PostgreSQL's LIKE not at all, so names
are stored lower-cased with umlauts written out; a query folded the same way then
matches with a plain ``contains``/``startswith`` on both databases.
"""

import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def search_fold(text: str) -> str:
    """Lower-case ``text``, write ä/ö/ü/ß as ae/oe/ue/ss and drop other accents.

    "Münster" and "Muenster" both give "muenster"; "Orléans" gives "orleans".
    """
    # NFC first so that an ü typed as u + combining diaeresis is folded like ü.
    # NUL never belongs in a name, and PostgreSQL refuses it in any query parameter.
    text = unicodedata.normalize("NFC", text.replace("\x00", "")).lower().translate(_UMLAUTS)
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(without_marks.split())
