"""Names in German alphabetical order: Böblingen before Bremerhaven, Ähnlich with the
A's, case and accents deciding only between names that are otherwise the same.

``German("name")`` orders a query by a text column that way. PostgreSQL compares with
its ICU collation ``de-x-icu`` (present wherever PostgreSQL is built with ICU, as in the
Debian and official packages); SQLite has no such collation, so every SQLite connection
gets one of ours under the name ``kfa_german``, built from ``german_key`` (umlauts as
their base letter, as DIN 5007 orders words). Both put umlauts and ß where German
readers look for them; they may differ in the order of rare punctuation.
"""

import functools
import unicodedata

from django.db.models.functions import Collate

POSTGRESQL_COLLATION = "de-x-icu"
SQLITE_COLLATION = "kfa_german"


# SQLite calls the comparison for every pair it looks at; a sort of the whole register
# (11,000 names) would otherwise build each key many times over.
@functools.lru_cache(maxsize=32_768)
def german_key(text: str) -> tuple[str, str, str]:
    """The sort key: the letters without accents and case (ä as a, ß as ss), then the
    letters without case, then the text itself, so that the order is total."""
    expanded = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ẞ", "SS"))
    base = "".join(c for c in expanded if not unicodedata.combining(c)).casefold()
    return base, text.casefold(), text


def german_compare(left: str, right: str) -> int:
    if left == right:
        return 0
    return -1 if german_key(left) < german_key(right) else 1


def sqlite_collation_install(sender, connection, **kwargs) -> None:
    """Connected to ``connection_created``: gives each SQLite connection the collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, german_compare)


class German(Collate):
    """``order_by(German("name"), "key")``: a text column in German alphabetical order."""

    def __init__(self, expression):
        super().__init__(expression, POSTGRESQL_COLLATION)

    def as_sqlite(self, compiler, connection, **extra_context):
        extra_context["collation"] = connection.ops.quote_name(SQLITE_COLLATION)
        return self.as_sql(compiler, connection, **extra_context)
