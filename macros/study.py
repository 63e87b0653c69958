"""Study material generated from the catalogue: flashcards and practice questions.

Pure functions: catalogue (and exam map) in, plain records out. The flashcards page, the
practice page and the Anki export (tools/anki.py) all read these, so a card is defined once.
Text stays plain; a formula travels as LaTeX and each consumer renders it (MathML on the
site, MathJax delimiters in Anki).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import asdict, dataclass, field

from .catalog import Catalog, Item
from .exam_map import ExamMap

TOPICS = {  # topic id -> label, in display order; each kind's topic is its study_topic in kinds.py
    "algorithms": "Built-in algorithms",
    "services": "AWS services",
    "metrics": "Evaluation metrics",
    "glossary": "Glossary",
    "misconceptions": "Misconceptions",
    "concepts": "ML concepts",
    "genai": "Generative AI",
}


@dataclass(frozen=True)
class Card:
    id: str  # stable across builds: progress in the learner's browser is keyed by it
    topic: str
    front: str
    back: str
    page: str  # docs-relative page the fact comes from, with #anchor where there is one
    tasks: dict[str, list[str]] = field(default_factory=dict)  # exam id -> task numbers
    formula: str = ""  # LaTeX shown under the back (metric formulas)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    prompt: str
    options: list[str]
    answer: int  # index into options
    explanation: str
    page: str
    tasks: dict[str, list[str]] = field(default_factory=dict)
    formula: str = ""  # LaTeX shown with the prompt
    source: str = "generated"  # "generated" from data, or "written" (data/questions/)

    def as_dict(self) -> dict:
        return asdict(self)


def _tasks_of_page(exam_map: ExamMap | None, page: str) -> dict[str, list[str]]:
    """The exam tasks of the page a card or question points at (shared pages: the page's own)."""
    path = page.split("#")[0]
    mapped = exam_map.pages.get(path) if exam_map else None
    return {exam: list(numbers) for exam, numbers in (mapped.tasks if mapped else {}).items()}


def _tasks(catalog: Catalog, exam_map: ExamMap | None, item: Item) -> dict[str, list[str]]:
    if "exam_tasks" in item.data:
        return {exam: list(numbers) for exam, numbers in item.data["exam_tasks"].items()}
    return _tasks_of_page(exam_map, item.page)


# Inline formulas inside card text travel as \( LaTeX \): the site renders them as MathML
# (render/study.py), Anki's MathJax reads the same delimiters.
INLINE_MATH = re.compile(r"\\\((.+?)\\\)")


def inline_math(latex: str) -> str:
    return f"\\({latex}\\)"


def _join(values: list[str]) -> str:
    return ", ".join(values) if values else "none"


# --- flashcards ----------------------------------------------------------------------------


def algorithm_cards(catalog: Catalog, exam_map: ExamMap | None) -> list[Card]:
    cards = []
    for item in catalog.of_kind("algorithms"):
        d, tasks, name = item.data, _tasks(catalog, exam_map, item), item.name
        training = d["training"]
        required = [h["name"] for h in d["hyperparameters"] if h["required"]]
        modes = [catalog.vocabularies["input-modes"].label(m["mode"]) for m in training["input_modes"]]
        facets = {
            "problem": (f"{name}: which problems does it solve?",
                        _join([catalog.vocabularies["problem-types"].label(p) for p in d["problem_types"]])
                        + f" ({_join([catalog.vocabularies['learning-types'].label(t) for t in d['learning_types']]).lower()})."),
            "training-content-types": (f"{name}: which content types does training accept?",
                                       _join(training["content_types"]) + "."),
            "inference-content-types": (f"{name}: which content types can an inference request use?",
                                        _join(d["inference"]["request_content_types"]) + "."),
            "input-modes": (f"{name}: which training input modes does it support?", _join(modes) + "."),
            "instances": (f"{name}: CPU or GPU for training, and which instances?",
                          f"{_join([p.upper() for p in training['processors']])}. {training['instance_notes']}"),
            "required-hyperparameters": (f"{name}: which hyperparameters must every training job set?",
                                         (_join(required) + ".") if required else "None: every hyperparameter has a default."),
        }
        for facet, (front, back) in facets.items():
            cards.append(Card(f"{item.id}--{facet}", item.settings.study_topic, front, back, item.page, tasks))
    return cards


def service_cards(catalog: Catalog, exam_map: ExamMap | None) -> list[Card]:
    cards = []
    for item in catalog.of_kind("services"):
        d, tasks = item.data, _tasks(catalog, exam_map, item)
        name = d.get("short_name") or item.name
        cards.append(Card(f"{item.id}--purpose", item.settings.study_topic, f"What is {item.name} for?", d["summary"], item.page, tasks))
        status = d["status"]
        if status["state"] != "active":
            state = catalog.vocabularies["service-statuses"].label(status["state"])
            successor = f" Successor: {catalog.get(status['successor']).name}." if status.get("successor") else ""
            cards.append(Card(f"{item.id}--status", item.settings.study_topic, f"{item.name}: what is its status?",
                              f"{state} ({status['date']}). {status['note']}{successor}", item.page, tasks))
        for fact in d["key_facts"]:
            if any(char.isdigit() for char in fact["value"]):  # limits and numbers: what learners must recall
                cards.append(Card(f"{item.id}--{fact['name']}", item.settings.study_topic, f"{name}: {fact['label']}?",
                                  fact["value"] + (f" ({fact['note']})" if fact.get("note") else ""), item.page, tasks))
    return cards


def metric_cards(catalog: Catalog, exam_map: ExamMap | None) -> list[Card]:
    cards = []
    for item in catalog.of_kind("metrics"):
        d, tasks = item.data, _tasks(catalog, exam_map, item)
        cards.append(Card(f"{item.id}--formula", item.settings.study_topic, f"{item.name}: what is the formula?",
                          f"Range {d['range']}, {d['better']} is better.", item.page, tasks, formula=d["formula"]))
        cards.append(Card(f"{item.id}--meaning", item.settings.study_topic, f"{item.name}: what does it measure, and when do you prefer it?",
                          f"{d['measures']} Prefer it when: {'; '.join(d['prefer_when'])}.", item.page, tasks))
    return cards


def _glossary_page(catalog: Catalog, see: str) -> str:
    return see if see.split("#")[0].endswith(".md") else catalog.get(see).page


def glossary_cards(catalog: Catalog, exam_map: ExamMap | None) -> list[Card]:
    cards = []
    for entry in catalog.glossary:
        page = _glossary_page(catalog, entry["see"])
        see = catalog.items.get(entry["see"])
        tasks = _tasks(catalog, exam_map, see) if see else _tasks_of_page(exam_map, page)
        if entry.get("expansion"):
            front, back = f"What does {entry['term']} stand for?", f"{entry['expansion']}. {entry['definition']}"
        else:
            front, back = f"What is meant by “{entry['term']}”?", entry["definition"]
        cards.append(Card(f"glossary--{entry['id']}", "glossary", front, back, page, tasks))
    return cards


def misconception_cards(catalog: Catalog, exam_map: ExamMap | None) -> list[Card]:
    return [
        Card(f"{item.id}--myth", item.settings.study_topic, f"True or false? {item.data['claim']}",
             f"False. {item.data['correction']}", item.page, _tasks(catalog, exam_map, item))
        for item in catalog.of_kind("misconceptions")
    ]


def concept_cards(catalog: Catalog, exam_map: ExamMap | None) -> list[Card]:
    """Activation functions, distributions and data preparation techniques."""
    cards = []
    for item in catalog.of_kind("activations"):
        d = item.data
        cards.append(Card(f"{item.id}--activation", item.settings.study_topic, f"Activation function {item.name}: formula, range and typical use?",
                          f"Range {inline_math(d['range'])}. Use it for: {'; '.join(d['use_when'])}. Watch out: {'; '.join(d['problems'])}.",
                          item.page, _tasks(catalog, exam_map, item), formula=d["formula"]))
    for item in catalog.of_kind("distributions"):
        d = item.data
        function = "PMF" if d["type"] == "discrete" else "PDF"
        cards.append(Card(f"{item.id}--distribution", item.settings.study_topic, f"{item.name}: what does it model, and what is its {function}?",
                          f"{d['summary']} Mean {inline_math(d['mean'])}, variance {inline_math(d['variance'])}.",
                          item.page, _tasks(catalog, exam_map, item), formula=d["formula"]))
    for item in catalog.of_kind("techniques"):
        d = item.data
        category = catalog.vocabularies["technique-categories"].label(d["category"]).lower()
        cards.append(Card(f"{item.id}--technique", item.settings.study_topic, f"{item.name} ({category}): how does it work?",
                          d["how"], item.page, _tasks(catalog, exam_map, item)))
    return cards


def flashcards(catalog: Catalog, exam_map: ExamMap | None = None) -> list[Card]:
    """Every card, grouped by topic in TOPICS order."""
    cards = (algorithm_cards(catalog, exam_map) + service_cards(catalog, exam_map) + metric_cards(catalog, exam_map)
             + glossary_cards(catalog, exam_map) + misconception_cards(catalog, exam_map) + concept_cards(catalog, exam_map))
    ids = [card.id for card in cards]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"flashcard ids must be unique; repeated: {', '.join(duplicates)}")
    return cards


# --- drill questions ------------------------------------------------------------------------
# Generated recall questions, offered as drills by topic (the scenario practice and the mock
# exams use data/questions/ only). Each generator avoids the cues that let a learner answer
# without knowing anything; tests/test_cues.py measures them over the whole set:
# - wrong options are of the same kind as the answer and close to it in length;
# - a prompt never contains its answer (a formula is shown without its left-hand side);
# - a wrong option never overlaps the answer (no "Text classification" against an algorithm
#   that classifies);
# - a property that depends on a mode is asked per mode;
# - true/false statements are complete sentences, of similar length, and balanced.

STOPWORDS = {
    "the", "and", "for", "with", "from", "that", "this", "its", "into", "are", "can", "not", "only",
    "one", "per", "any", "all", "you", "your", "use", "used", "does", "which", "what", "when", "how",
    "true", "false", "amazon", "aws", "sagemaker", "of", "in", "on", "to", "a", "an", "or", "by", "as", "is", "it",
}


def _pick(pool: list, count: int, seed: str) -> list:
    """`count` elements of pool, chosen deterministically from seed (same build, same quiz)."""
    ranked = sorted(pool, key=lambda value: hashlib.sha256(f"{seed}:{value}".encode()).hexdigest())
    return ranked[:count]


def words(text: str) -> set[str]:
    """Content words of a text, lower-cased (for overlap checks)."""
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in STOPWORDS}


def _options(correct: str, wrong: list[str], seed: str, count: int = 3) -> tuple[list[str], int]:
    """The correct option plus `count` distractors close to it in length, in a seeded order.
    The distractors come from the 2 x count candidates nearest in length, so the answer is
    not systematically the longest or the shortest option."""
    candidates = sorted(set(wrong) - {correct}, key=lambda w: (abs(len(w) - len(correct)), hashlib.sha256(f"{seed}:{w}".encode()).hexdigest()))
    distractors = _pick(candidates[: max(2 * count, count + 2)], count, seed)
    options = _pick([correct, *distractors], len(distractors) + 1, seed + ":order")
    return options, options.index(correct)


def _balanced(items: list, seed: str) -> dict:
    """item -> True for every other item in a seeded order: half of them get True."""
    ordered = sorted(items, key=lambda item: hashlib.sha256(f"{seed}:{item}".encode()).hexdigest())
    return {item: index % 2 == 0 for index, item in enumerate(ordered)}


SMALL_WORDS = {"of", "and", "for", "the", "with", "a", "an", "to", "in", "on", "by", "as", "or", "amazon", "aws"}


# Every abbreviation is compared with every expansion (a few hundred squared): the per-string
# parts are computed once per string, so each comparison is a short walk over two lists.
@functools.cache
def _letters(term: str) -> tuple[str, ...]:
    return tuple(re.sub(r"(.)\1+", r"\1", "".join(c for c in term.upper() if c.isalpha())))


@functools.cache
def _initials(expansion: str) -> tuple[str, ...]:
    parts = [w for w in re.split(r"[\s\-–/(),]+|(?<=[a-z])(?=[A-Z])", expansion) if w and w.lower() not in SMALL_WORDS]
    return tuple(w[0].upper() for w in parts)


@functools.cache
def _word_starts(expansion: str) -> tuple[str, ...]:
    """The first three letters of each word of three letters or more (small words left out)."""
    return tuple(w[:3] for w in re.findall(r"[a-z0-9]+", expansion.lower()) if w not in SMALL_WORDS and len(w) >= 3)


def initials_score(term: str, expansion: str) -> float:
    """How far the expansion's initials spell the abbreviation, from 0 to 1: the share of the
    term's letters (repeats collapsed: HTTP -> HTP) matched, in order, by the first letters of
    successive words or word parts (hyphens, CamelCase, "I/O"); 0 when the first letters differ."""
    letters, initials = _letters(term), _initials(expansion)
    if not letters or not initials or initials[0] != letters[0]:
        return 0.0
    matched, position = 0, 0
    for letter in letters:
        found = next((i for i in range(position, len(initials)) if initials[i] == letter), None)
        if found is not None:
            matched += 1
            position = found + 1
    return matched / len(letters)


def spells(term: str, expansion: str) -> bool:
    """Whether a learner could pick this expansion for the term by its form alone: its
    initials spell most of the term, or one of its words starts with three letters the term
    contains ("Residual network" for ResNet, "eXtreme Gradient Boosting" for XGBoost)."""
    if initials_score(term, expansion) >= 0.6:
        return True
    lowered = term.lower()
    return any(start in lowered for start in _word_starts(expansion))


def _formula_body(latex: str) -> str:
    """A formula without its left-hand side (`\text{F1} = ...` names the metric asked for)."""
    left, sep, right = latex.partition("=")
    return right.strip() if sep and len(left) <= 30 else latex


def generated_questions(catalog: Catalog, exam_map: ExamMap | None = None) -> list[Question]:
    questions: list[Question] = []
    algorithms = catalog.of_kind("algorithms")
    vocab = catalog.vocabularies

    # Which algorithm reads this content type? (only types some but not all algorithms read)
    for content_type in vocab["content-types"].terms:
        readers = [a for a in algorithms if content_type in a.data["training"]["content_types"]]
        others = [a for a in algorithms if a not in readers]
        if not readers or len(others) < 3:
            continue
        # The answer's name must not repeat the prompt ("Image Classification" for x-image).
        unnamed = [a for a in readers if not words(a.name) & words(content_type)]
        if not unnamed:
            continue
        correct = _pick(unnamed, 1, content_type)[0]
        options, answer = _options(correct.name, [a.name for a in others], content_type)
        questions.append(Question(
            f"content-type--{content_type.replace('/', '-').replace('.', '-')}", correct.settings.study_topic,
            f"Which of these built-in algorithms accepts {content_type} as training input?", options, answer,
            f"{correct.name} reads {content_type}; the other options do not. Algorithms that read it: "
            f"{_join([a.name for a in readers])}.", "algorithms/content-types.md", _tasks(catalog, exam_map, correct)))

    problem_labels = {term: vocab["problem-types"].label(term) for term in vocab["problem-types"].terms}
    # True/false and yes/no keys alternate in a seeded order: the wording (positive or
    # negative) is chosen to give each item its key, so "always True" scores half.
    pipe_key = _balanced([a.id for a in algorithms], "pipe")
    learning_key = _balanced([a.id for a in algorithms if len(a.data["learning_types"]) == 1]
                             + [f"{a.id}:{m['name']}" for a in algorithms for m in a.data.get("modes", [])], "learning")
    for item in algorithms:
        d, tasks = item.data, _tasks(catalog, exam_map, item)
        solves = [problem_labels[p] for p in d["problem_types"]]
        solved_words = set().union(*(words(label) for label in solves))
        # The answer must not be readable from the algorithm's name ("Object Detection").
        hidden = [label for label in solves if not words(label) & words(item.name)]
        correct = _pick(hidden, 1, item.id)[0] if hidden else None
        # A wrong option must be plainly wrong: none that shares a word with a problem the
        # algorithm solves (Object2Vec classifies, so "Text classification" is not offered).
        wrong = [label for p, label in problem_labels.items() if p not in d["problem_types"] and not words(label) & solved_words]
        if correct:
            options, answer = _options(correct, wrong, item.id)
            questions.append(Question(f"{item.id}--problem", item.settings.study_topic, f"Which kind of problem does {item.name} solve?",
                                      options, answer, f"{item.name} solves: {_join(solves)}.", item.page, tasks))
        modes = [vocab["input-modes"].label(m["mode"]) for m in d["training"]["input_modes"]]
        pipe = any(m["mode"] == "pipe" for m in d["training"]["input_modes"])
        # Half the algorithms are asked the positive statement and half the negative one, so
        # the key is not "True" for most of them although most algorithms support Pipe mode.
        positive = pipe_key[item.id] == pipe  # key True: state the fact; key False: its opposite
        statement = f"{item.name} can stream its training data in Pipe mode." if positive else f"{item.name} cannot stream its training data in Pipe mode."
        questions.append(Question(f"{item.id}--pipe", item.settings.study_topic, f"True or false? {statement}", ["True", "False"],
                                  0 if pipe == positive else 1, f"{item.name} supports: {_join(modes)}.", item.page, tasks))
        if len(d["learning_types"]) == 1:  # several: asked per mode, below
            supervised = d["learning_types"] == ["supervised"]
            questions.append(_labels_question(f"{item.id}--learning", item.settings.study_topic, item.name, "", supervised, learning_key[item.id],
                                              f"{item.name} is {vocab['learning-types'].label(d['learning_types'][0]).lower()}.",
                                              item.page, tasks))
        for mode in d.get("modes", []):
            supervised = mode["learning_type"] == "supervised"
            mode_id = re.sub(r"[^a-z0-9]+", "-", mode["name"].lower()).strip("-")
            others = _join([f"{m['name']} ({m['learning_type']})" for m in d["modes"] if m is not mode])
            questions.append(_labels_question(f"{item.id}--learning--{mode_id}", item.settings.study_topic, item.name, mode["name"], supervised,
                                              learning_key[f"{item.id}:{mode['name']}"],
                                              f"In its {mode['name']} mode {item.name} is {mode['learning_type']}; other modes: {others}.",
                                              item.page, tasks))

    services = catalog.of_kind("services")
    for item in services:
        status = item.data["status"]
        if status["state"] == "renamed" and status.get("successor"):
            former = (item.data.get("former_names") or [{"name": item.name}])[0]["name"]
            successor = catalog.get(status["successor"])
            # Wrong options share words with the former name as the answer does, so the words
            # of the prompt do not point at the answer.
            pool = [s.name for s in services if s.id not in {item.id, successor.id} and s.data["status"]["state"] != "renamed"]
            pool.sort(key=lambda name: (-len(words(name) & words(former)), name))
            near = [name for name in pool if words(name) & words(former)][:6] or pool[:6]
            options, answer = _options(successor.name, near + [s.name for s in services if s.data["category"] == item.data["category"]][:0], item.id)
            questions.append(Question(f"{item.id}--renamed", item.settings.study_topic, f"What is {former} called now?", options, answer,
                                      f"Renamed on {status['date']}: {status['note']}", item.page, _tasks(catalog, exam_map, item)))

    metrics = catalog.of_kind("metrics")
    for item in metrics:
        options, answer = _options(item.name, [m.name for m in metrics], item.id)
        questions.append(Question(f"{item.id}--formula", item.settings.study_topic, "Which metric does this formula define?", options, answer,
                                  f"This is {item.name}: {item.data['summary']}", item.page, _tasks(catalog, exam_map, item),
                                  formula=_formula_body(item.data["formula"])))

    questions += _glossary_questions(catalog, exam_map)

    # True/false on misconceptions: the claim is the false statement, the item's `fact` the true
    # one; half of the items are asked each way (an item without a fact is asked as its claim).
    with_fact = _balanced([m.id for m in catalog.of_kind("misconceptions") if m.data.get("fact")], "myth")
    for item in catalog.of_kind("misconceptions"):
        as_fact = with_fact.get(item.id, False)
        statement = item.data["fact"] if as_fact else item.data["claim"]
        explanation = (f"True. {item.data['correction']}" if as_fact
                       else f"False. {item.data['correction']}")
        questions.append(Question(f"{item.id}--myth", item.settings.study_topic, f"True or false? {statement}", ["True", "False"],
                                  0 if as_fact else 1, explanation, item.page, _tasks(catalog, exam_map, item)))
    return questions


def _labels_question(question_id: str, topic: str, name: str, mode: str, supervised: bool, key_yes: bool, explanation: str,
                     page: str, tasks: dict) -> Question:
    """Does it need labels? Asked as "needs labelled data" or as "learns from unlabelled data
    alone", whichever makes the key `key_yes`, so the keys are balanced."""
    where = f" in its {mode} mode" if mode else ""
    subject = "that mode" if mode else "it"
    if key_yes == supervised:
        prompt = f"Does {name} need labelled training data{where}?"
        options = [f"Yes: {subject} is supervised", f"No: {subject} is unsupervised"]
    else:
        prompt = f"Can {name} learn from unlabelled training data alone{where}?"
        options = [f"Yes: {subject} is unsupervised", f"No: {subject} is supervised"]
    return Question(question_id, topic, prompt, options, 0 if key_yes else 1, explanation, page, tasks)


# An abbreviation question is asked only when the form of the options does not give the
# answer away: when the right expansion does not spell the abbreviation, or when at least two
# other expansions spell it as well. The others stay flashcards.
SPELLING_DISTRACTORS = 2


def _glossary_questions(catalog: Catalog, exam_map: ExamMap | None) -> list[Question]:
    entries = [entry for entry in catalog.glossary if entry.get("expansion")]
    expansions = [entry["expansion"] for entry in entries]
    questions = []
    for entry in entries:
        term, expansion = entry["term"], entry["expansion"]
        if term.lower() in expansion.lower() or words(term) & words(expansion):
            continue  # "SageMaker AI" in its expansion: the prompt holds the answer
        others = [e for e in expansions if e != expansion and e.lower() != expansion.lower()]
        if spells(term, expansion):
            spelling = [e for e in others if spells(term, e)]
            if len(spelling) < SPELLING_DISTRACTORS:
                continue  # only the answer would look right: a flashcard, not a question
            correct_first = _options(expansion, spelling, entry["id"], count=min(3, len(spelling)))
            options, answer = correct_first if len(spelling) >= 3 else _options(expansion, spelling + _pick(others, 1, entry["id"]), entry["id"])
        else:
            options, answer = _options(expansion, others, entry["id"])
        page = _glossary_page(catalog, entry["see"])
        questions.append(Question(f"glossary--{entry['id']}", "glossary", f"What does {term} stand for?", options, answer,
                                  entry["definition"], page, _tasks_of_page(exam_map, page)))
    return questions
