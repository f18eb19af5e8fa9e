"""What the applications' URLs name.

``MUNICIPAL_KWARGS``: URL keyword arguments that name an object of one municipality. A
person of another municipality must not learn that it exists, so such a URL answers them
404 (selectors scope the lookup), and the role × URL test expects that for every URL of
this app that has one of these keywords."""

# "pk" is the application on every page of this app that takes one; "answer_pk" a file
# answer of it.
MUNICIPAL_KWARGS = frozenset({"pk", "answer_pk"})
