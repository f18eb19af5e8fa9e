import unicodedata

from municipalities.search import search_fold


def test_search_fold_writes_out_umlauts_and_sharp_s():
    assert search_fold("Münster, Großstadt Ärzte Öl") == "muenster, grossstadt aerzte oel"


def test_search_fold_gives_the_same_for_umlaut_and_written_out_form():
    assert search_fold("München") == search_fold("MUENCHEN") == "muenchen"


def test_search_fold_handles_decomposed_umlauts():
    decomposed = unicodedata.normalize("NFD", "Lübeck")

    assert search_fold(decomposed) == "luebeck"


def test_search_fold_drops_other_accents_and_extra_spaces():
    assert search_fold("  Orléans   Straße ") == "orleans strasse"
