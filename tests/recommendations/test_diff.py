"""The word-level comparison, on plain snapshots: exact segments and exact HTML."""

from recommendations.diff import (
    ADDED,
    CHANGED,
    DELETED,
    INSERTED,
    REMOVED,
    SAME,
    UNCHANGED,
    ParagraphText,
    RecommendationText,
    Segment,
    compare_documents,
    compare_paragraphs,
    render_segments,
    word_diff,
)


def rec(key, number, title, *paragraphs, rationale=""):
    return RecommendationText(
        key=key,
        number=number,
        title=title,
        rationale=rationale,
        paragraphs=tuple(ParagraphText(k, text) for k, text in paragraphs),
    )


def test_word_diff_replaced_word_is_deleted_then_inserted():
    assert word_diff("Die Behörde prüft den Antrag.", "Die Behörde prüft jeden Antrag.") == [
        Segment(SAME, "Die Behörde prüft "),
        Segment(DELETED, "den"),
        Segment(INSERTED, "jeden"),
        Segment(SAME, " Antrag."),
    ]


def test_word_diff_added_words_keep_their_space():
    assert word_diff("Antrag prüfen.", "Antrag sorgfältig prüfen.") == [
        Segment(SAME, "Antrag"),
        Segment(INSERTED, " sorgfältig"),
        Segment(SAME, " prüfen."),
    ]


def test_word_diff_a_lone_space_between_changes_joins_them():
    assert word_diff("a b c", "x y c") == [
        Segment(DELETED, "a b"),
        Segment(INSERTED, "x y"),
        Segment(SAME, " c"),
    ]


def test_word_diff_equal_texts_are_one_kept_segment():
    assert word_diff("Gleich bleibt gleich.", "Gleich bleibt gleich.") == [
        Segment(SAME, "Gleich bleibt gleich.")
    ]


def test_word_diff_of_two_empty_texts_is_empty():
    assert word_diff("", "") == []


def test_render_segments_marks_beyond_colour_and_for_screen_readers():
    html = render_segments(
        [Segment(SAME, "prüft "), Segment(DELETED, "den"), Segment(INSERTED, "jeden")]
    )
    assert html == (
        "prüft "
        '<del class="diff diff--del"><span class="kern-sr-only">gestrichen: </span>'
        '<span class="diff__sign" aria-hidden="true">−</span>den</del>'
        '<ins class="diff diff--ins"><span class="kern-sr-only">eingefügt: </span>'
        '<span class="diff__sign" aria-hidden="true">+</span>jeden</ins>'
    )


def test_render_segments_escapes_the_text():
    assert render_segments([Segment(INSERTED, "<script>x</script>")]) == (
        '<ins class="diff diff--ins"><span class="kern-sr-only">eingefügt: </span>'
        '<span class="diff__sign" aria-hidden="true">+</span>&lt;script&gt;x&lt;/script&gt;</ins>'
    )


def test_compare_paragraphs_finds_moved_added_and_removed_by_key():
    """A removed paragraph follows the one that stood before it in the old version."""
    old = (ParagraphText("p1", "Eins."), ParagraphText("p2", "Zwei."), ParagraphText("p3", "Drei."))
    new = (ParagraphText("p2", "Zwei."), ParagraphText("p1", "Eins."), ParagraphText("p4", "Vier."))
    changes = compare_paragraphs(old, new)
    assert [(c.key, c.status, c.moved) for c in changes] == [
        ("p2", UNCHANGED, True),
        ("p3", REMOVED, False),
        ("p1", UNCHANGED, True),
        ("p4", ADDED, False),
    ]
    assert changes[1].segments == [Segment(DELETED, "Drei.")]
    assert changes[3].segments == [Segment(INSERTED, "Vier.")]


def test_compare_paragraphs_a_removed_paragraph_stays_where_it_stood():
    old = (ParagraphText("p1", "Eins."), ParagraphText("p2", "Zwei."), ParagraphText("p3", "Drei."))
    new = (ParagraphText("p1", "Eins."), ParagraphText("p3", "Drei."))
    assert [(c.key, c.status) for c in compare_paragraphs(old, new)] == [
        ("p1", UNCHANGED),
        ("p2", REMOVED),
        ("p3", UNCHANGED),
    ]


def test_compare_documents_reports_added_removed_renamed_and_renumbered():
    old = [
        rec("r1", "1.1", "Formulare prüfen", ("p1", "Alle Formulare prüfen.")),
        rec("r2", "1.2", "Beschwerden ernst nehmen", ("p2", "Eine Stelle benennen.")),
    ]
    new = [
        rec("r3", "1.1", "Sprache vereinfachen", ("p3", "Leichte Sprache nutzen.")),
        rec("r1", "1.2", "Vordrucke prüfen", ("p1", "Alle Formulare regelmäßig prüfen.")),
    ]
    changes = compare_documents(old, new)
    assert [(c.key, c.status, c.old_number, c.new_number, c.renamed) for c in changes] == [
        ("r3", ADDED, None, "1.1", False),
        ("r1", CHANGED, "1.1", "1.2", True),
        ("r2", REMOVED, "1.2", None, False),
    ]
    assert changes[1].title == [
        Segment(DELETED, "Formulare"),
        Segment(INSERTED, "Vordrucke"),
        Segment(SAME, " prüfen"),
    ]
    assert changes[1].paragraphs[0].segments == [
        Segment(SAME, "Alle Formulare"),
        Segment(INSERTED, " regelmäßig"),
        Segment(SAME, " prüfen."),
    ]
    assert changes[2].title == [Segment(DELETED, "Beschwerden ernst nehmen")]


def test_compare_documents_same_text_is_unchanged():
    same = [rec("r1", "1.1", "Formulare prüfen", ("p1", "Alle Formulare prüfen."))]
    (change,) = compare_documents(same, same)
    assert (change.status, change.renamed) == (UNCHANGED, False)
    assert change.paragraphs[0].status == UNCHANGED
