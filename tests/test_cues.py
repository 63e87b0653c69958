"""Cues that let a learner answer without knowing anything, measured over the whole generated
drill set and over the scenario bank, computed from the data and held to stated limits.

Limits (what a learner guessing by form alone would gain):
- the correct option is the strictly longest in at most 35% of generated multiple-choice
  questions (chance with four options is 25%) and in at most 40% of the scenario bank's
  multiple-choice questions; it is the strictly shortest in at most 35% of generated ones;
- no abbreviation question has its answer as the only option whose form spells the term;
- true/false keys are between 40% and 60% True overall and for each family of questions;
  yes/no keys between 40% and 60% Yes; on the myths, no length threshold tells true
  statements from false ones with more than 70% accuracy, and the mean lengths of the two
  differ by at most 20%;
- no prompt holds a content word of its answer that no wrong option has;
- no card or question text holds LaTeX outside \\( \\) delimiters;
- every true/false statement is a complete sentence that stands on its own;
- no wrong option shares a word with a problem the algorithm solves;
- an algorithm whose learning type depends on its mode is asked per mode, never as a whole.
"""

from __future__ import annotations

import re
import statistics

import pytest
from conftest import real_catalog

from macros import study
from macros.question_rules import question_type

CATALOG = real_catalog()
QUESTIONS = study.generated_questions(CATALOG)
CHOICE = [q for q in QUESTIONS if len(q.options) >= 3]
TRUE_FALSE = [q for q in QUESTIONS if q.options == ["True", "False"]]
YES_NO = [q for q in QUESTIONS if len(q.options) == 2 and q.options != ["True", "False"]]
RAW_LATEX = re.compile(r"\\[A-Za-z]+|\\[{}]|\^|_\{|\$")


def strictly(pick, options: list[str], answer: int) -> bool:
    """Whether the answer is strictly the longest (pick=max) or shortest (pick=min) option."""
    lengths = [len(o) for o in options]
    return lengths[answer] == pick(lengths) and lengths.count(lengths[answer]) == 1


def share(items, predicate) -> float:
    items = list(items)
    return sum(1 for item in items if predicate(item)) / len(items)


def test_the_generated_set_is_large_enough_to_measure():
    assert len(CHOICE) >= 100 and len(TRUE_FALSE) >= 40 and len(YES_NO) >= 10


def test_answer_is_not_systematically_the_longest_or_shortest_option():
    assert share(CHOICE, lambda q: strictly(max, q.options, q.answer)) <= 0.35
    assert share(CHOICE, lambda q: strictly(min, q.options, q.answer)) <= 0.35


def test_length_check_would_catch_the_old_generator():
    # Self-check: a set whose answer is always the longest option fails the limit.
    rigged = [(["a", "bb", "ccc", "dddd"], 3)] * 10
    assert share(rigged, lambda r: strictly(max, *r)) > 0.35


def test_no_abbreviation_question_is_answered_by_its_initials():
    glossary = [q for q in QUESTIONS if q.id.startswith("glossary--")]
    assert len(glossary) >= 40
    for q in glossary:
        term = q.prompt.removeprefix("What does ").removesuffix(" stand for?")
        spelling = [study.spells(term, option) for option in q.options]
        assert not (spelling[q.answer] and sum(spelling) == 1), (q.id, q.options)
        assert not study.words(term) & study.words(q.options[q.answer]), q.id


def test_spelling_check_recognises_initials():
    assert study.spells("HTTP", "Hypertext Transfer Protocol")
    assert study.spells("EC2", "Amazon Elastic Compute Cloud")
    assert study.spells("ResNet", "Residual network")
    assert not study.spells("KMS", "Amazon Simple Queue Service")


def test_true_false_keys_are_balanced():
    assert 0.4 <= share(TRUE_FALSE, lambda q: q.answer == 0) <= 0.6
    families = {q.id.split("--")[-1] for q in TRUE_FALSE}
    assert families == {"pipe", "myth"}
    for family in families:
        members = [q for q in TRUE_FALSE if q.id.endswith("--" + family)]
        assert 0.4 <= share(members, lambda q: q.answer == 0) <= 0.6, family
    assert 0.4 <= share(YES_NO, lambda q: q.answer == 0) <= 0.6


def test_myth_statements_cannot_be_told_apart_by_length():
    myths = [q for q in TRUE_FALSE if q.id.endswith("--myth")]
    true_lengths = [len(q.prompt) for q in myths if q.answer == 0]
    false_lengths = [len(q.prompt) for q in myths if q.answer == 1]
    ratio = statistics.mean(true_lengths) / statistics.mean(false_lengths)
    assert 0.8 <= ratio <= 1.25
    best = max(
        max(share(myths, lambda q, t=t: (len(q.prompt) > t) == (q.answer == 0)),
            share(myths, lambda q, t=t: (len(q.prompt) <= t) == (q.answer == 0)))
        for t in range(0, 300)
    )
    assert best <= 0.7


def test_prompts_do_not_contain_their_answer():
    for q in CHOICE:
        answer_words = study.words(q.options[q.answer])
        elsewhere = set().union(*(study.words(o) for i, o in enumerate(q.options) if i != q.answer))
        shown = study.words(q.prompt) | study.words(re.sub(r"\\[A-Za-z]+", " ", q.formula))
        assert not (answer_words & shown) - elsewhere, (q.id, (answer_words & shown) - elsewhere)


def test_formula_questions_hide_the_left_hand_side():
    formulas = [q for q in QUESTIONS if q.id.endswith("--formula")]
    assert len(formulas) == len(CATALOG.of_kind("metrics"))
    for q in formulas:
        metric = CATALOG.get(q.id.removesuffix("--formula"))
        left = metric.data["formula"].partition("=")[0]
        assert left.strip() not in q.formula.split("=")[0] or "=" not in metric.data["formula"], q.id
        assert not q.formula.startswith(left), q.id


def test_no_raw_latex_in_card_or_question_text():
    texts = [(c.id, t) for c in study.flashcards(CATALOG) for t in (c.front, study.INLINE_MATH.sub("", c.back))]
    texts += [(q.id, t) for q in QUESTIONS for t in (q.prompt, q.explanation, *q.options)]
    assert [(i, t[:60]) for i, t in texts if RAW_LATEX.search(t)] == []
    # the formulas that card text does hold are inside \( \), for MathML and MathJax alike
    assert sum(1 for c in study.flashcards(CATALOG) if study.INLINE_MATH.search(c.back)) >= 13


def test_true_false_statements_are_complete_sentences():
    for q in TRUE_FALSE:
        statement = q.prompt.removeprefix("True or false? ")
        assert re.fullmatch(r"[A-Z0-9].*[.]", statement), q.id
        assert not re.match(r"(That|This|It|Those|These|They|Both|Only|Many|Copying)\b", statement), q.id


def test_wrong_options_never_overlap_a_solved_problem():
    labels = CATALOG.vocabularies["problem-types"]
    for item in CATALOG.of_kind("algorithms"):
        q = next((q for q in QUESTIONS if q.id == f"{item.id}--problem"), None)
        if q is None:
            continue
        solved = set().union(*(study.words(labels.label(p)) for p in item.data["problem_types"]))
        for index, option in enumerate(q.options):
            if index != q.answer:
                assert not study.words(option) & solved, (item.id, option)
    object2vec = next(q for q in QUESTIONS if q.id == "object2vec--problem")
    assert "Text classification" not in object2vec.options


def test_mode_dependent_learning_is_asked_per_mode():
    for item in CATALOG.of_kind("algorithms"):
        ids = {q.id for q in YES_NO if q.id.startswith(item.id + "--learning")}
        if len(item.data["learning_types"]) > 1:
            assert f"{item.id}--learning" not in ids
            assert len(ids) == len(item.data["modes"]) >= 2, item.id
        else:
            assert ids == {f"{item.id}--learning"}
    word2vec = next(q for q in YES_NO if q.id == "blazingtext--learning--word2vec")
    assert "Word2Vec" in word2vec.prompt and "supervised" not in word2vec.prompt.lower()


# --- the scenario bank ----------------------------------------------------------------------

BANK = CATALOG.of_kind("questions")


def test_scenario_bank_correct_option_is_not_systematically_the_longest():
    single = [q for q in BANK if question_type(q.data) == "multiple-choice"]
    assert single
    longest = [q.id for q in single
               if strictly(max, [o["text"] for o in q.data["options"]], next(i for i, o in enumerate(q.data["options"]) if o.get("correct")))]
    assert len(longest) / len(single) <= 0.40, f"{len(longest)} of {len(single)}: {longest}"


def test_scenario_bank_spreads_the_position_of_the_answer():
    positions = [next(i for i, o in enumerate(q.data["options"]) if o.get("correct"))
                 for q in BANK if question_type(q.data) == "multiple-choice"]
    assert max(positions.count(p) for p in set(positions)) / len(positions) <= 0.5


@pytest.mark.parametrize("phrase", ["all of the above", "none of the above"])
def test_scenario_bank_has_no_catch_all_options(phrase):
    for q in BANK:
        for option in q.data.get("options", []):
            assert phrase not in option["text"].lower(), q.id
