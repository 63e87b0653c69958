"""The Anki deck imported with Anki's own back end (the `anki` package from PyPI) into an
empty collection, twice: every card becomes one note, no field is empty, formulas keep their
MathJax delimiters, and the second import updates instead of adding notes."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from anki.collection import Collection, ImportCsvRequest  # pinned in requirements.lock
from conftest import ROOT, real_catalog

from macros import study


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("anki-import")
    deck = folder / "deck.txt"
    subprocess.run([sys.executable, "tools/anki.py", str(deck)], cwd=ROOT, check=True)
    collection = Collection(str(folder / "collection.anki2"))

    def run_import():
        metadata = collection.get_csv_metadata(path=str(deck), delimiter=None)
        return collection.import_csv(ImportCsvRequest(path=str(deck), metadata=metadata)).log

    first = run_import()
    notes_after_first = collection.note_count()
    second = run_import()
    yield {"collection": collection, "first": first, "second": second, "notes_after_first": notes_after_first}
    collection.close()


def expected_cards() -> list:
    return study.flashcards(real_catalog())


def test_every_card_becomes_one_note(imported):
    cards = expected_cards()
    collection = imported["collection"]
    assert len(imported["first"].new) == imported["notes_after_first"] == len(cards)
    assert collection.card_count() == collection.note_count() == len(cards)
    guids = {collection.get_note(note_id).guid for note_id in collection.find_notes("")}
    assert guids == {card.id for card in cards}


def test_no_field_is_empty_and_the_deck_and_tags_are_set(imported):
    collection = imported["collection"]
    deck_names = {d.name for d in collection.decks.all_names_and_ids()}
    assert "AWS ML Knowledge Base" in deck_names
    for note_id in collection.find_notes(""):
        note = collection.get_note(note_id)
        assert all(field.strip() for field in note.fields), note.guid
        assert any(tag.startswith("topic::") for tag in note.tags), note.guid


def test_formulas_keep_their_mathjax_delimiters(imported):
    collection = imported["collection"]
    notes = {collection.get_note(n).guid: collection.get_note(n) for n in collection.find_notes("")}
    with_formula = [card for card in expected_cards() if card.formula]
    inline = [card for card in expected_cards() if study.INLINE_MATH.search(card.back)]
    assert with_formula and len(inline) >= 13
    for card in with_formula:
        back = notes[card.id].fields[1]
        assert re.search(r"\\\[.+\\\]", back), card.id
    for card in inline:
        assert re.search(r"\\\(.+?\\\)", notes[card.id].fields[1]), card.id


def test_a_second_import_adds_no_note(imported):
    assert len(imported["second"].new) == 0
    assert imported["collection"].note_count() == imported["notes_after_first"]
    assert len(imported["second"].duplicate) + len(imported["second"].updated) == imported["notes_after_first"]
