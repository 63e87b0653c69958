"""Study material generated from the catalogue: flashcards and practice questions.

Pure functions: catalogue (and exam map) in, plain records out. The flashcards page, the
practice page and the Anki export (tools/anki.py) all read these, so a card is defined once.
Text stays plain; a formula travels as LaTeX and each consumer renders it (MathML on the
site, MathJax delimiters in Anki).
"""

from __future__ import annotations

import hashlib
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
                          f"Range {d['range']}. Use it for: {'; '.join(d['use_when'])}. Watch out: {'; '.join(d['problems'])}.",
                          item.page, _tasks(catalog, exam_map, item), formula=d["formula"]))
    for item in catalog.of_kind("distributions"):
        d = item.data
        function = "PMF" if d["type"] == "discrete" else "PDF"
        cards.append(Card(f"{item.id}--distribution", item.settings.study_topic, f"{item.name}: what does it model, and what is its {function}?",
                          f"{d['summary']} Mean {d['mean']}, variance {d['variance']}.",
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


# --- practice questions ----------------------------------------------------------------------


def _pick(pool: list, count: int, seed: str) -> list:
    """`count` elements of pool, chosen deterministically from seed (same build, same quiz)."""
    ranked = sorted(pool, key=lambda value: hashlib.sha256(f"{seed}:{value}".encode()).hexdigest())
    return ranked[:count]


def _options(correct: str, wrong: list[str], seed: str, count: int = 3) -> tuple[list[str], int]:
    """The correct option plus `count` distractors, in a seeded order; returns (options, answer)."""
    distractors = _pick(sorted(set(wrong) - {correct}), count, seed)
    options = _pick([correct, *distractors], len(distractors) + 1, seed + ":order")
    return options, options.index(correct)


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
        correct = _pick(readers, 1, content_type)[0]
        options, answer = _options(correct.name, [a.name for a in others], content_type)
        questions.append(Question(
            f"content-type--{content_type.replace('/', '-').replace('.', '-')}", correct.settings.study_topic,
            f"Which of these built-in algorithms accepts {content_type} as training input?", options, answer,
            f"{correct.name} reads {content_type}; the other options do not. Algorithms that read it: "
            f"{_join([a.name for a in readers])}.", "algorithms/content-types.md", _tasks(catalog, exam_map, correct)))

    problem_labels = {term: vocab["problem-types"].label(term) for term in vocab["problem-types"].terms}
    for item in algorithms:
        d, tasks = item.data, _tasks(catalog, exam_map, item)
        solves = [problem_labels[p] for p in d["problem_types"]]
        correct = _pick(solves, 1, item.id)[0]
        options, answer = _options(correct, [label for p, label in problem_labels.items() if p not in d["problem_types"]], item.id)
        questions.append(Question(f"{item.id}--problem", item.settings.study_topic, f"Which kind of problem does {item.name} solve?",
                                  options, answer, f"{item.name} solves: {_join(solves)}.", item.page, tasks))
        pipe = any(m["mode"] == "pipe" for m in d["training"]["input_modes"])
        questions.append(Question(f"{item.id}--pipe", item.settings.study_topic, f"True or false? {item.name} can train in Pipe mode.",
                                  ["True", "False"], 0 if pipe else 1,
                                  f"{item.name} supports: {_join([vocab['input-modes'].label(m['mode']) for m in d['training']['input_modes']])}.",
                                  item.page, tasks))
        supervised = "supervised" in d["learning_types"]
        questions.append(Question(f"{item.id}--learning", item.settings.study_topic, f"Does {item.name} need labelled training data?",
                                  ["Yes: it is supervised", "No: it is unsupervised"], 0 if supervised else 1,
                                  f"{item.name} is {_join([vocab['learning-types'].label(t) for t in d['learning_types']]).lower()}.",
                                  item.page, tasks))

    services = catalog.of_kind("services")
    for item in services:
        status = item.data["status"]
        if status["state"] == "renamed" and status.get("successor"):
            former = (item.data.get("former_names") or [{"name": item.name}])[0]["name"]
            successor = catalog.get(status["successor"])
            options, answer = _options(successor.name, [s.name for s in services if s.data["category"] == item.data["category"]], item.id)
            questions.append(Question(f"{item.id}--renamed", item.settings.study_topic, f"What is {former} called now?", options, answer,
                                      f"Renamed on {status['date']}: {status['note']}", item.page, _tasks(catalog, exam_map, item)))

    metrics = catalog.of_kind("metrics")
    for item in metrics:
        options, answer = _options(item.name, [m.name for m in metrics], item.id)
        questions.append(Question(f"{item.id}--formula", item.settings.study_topic, "Which metric does this formula define?", options, answer,
                                  f"This is {item.name}: {item.data['summary']}", item.page, _tasks(catalog, exam_map, item),
                                  formula=item.data["formula"]))

    expansions = [entry["expansion"] for entry in catalog.glossary if entry.get("expansion")]
    for entry in catalog.glossary:
        if not entry.get("expansion"):
            continue
        page = _glossary_page(catalog, entry["see"])
        options, answer = _options(entry["expansion"], expansions, entry["id"])
        questions.append(Question(f"glossary--{entry['id']}", "glossary", f"What does {entry['term']} stand for?", options, answer,
                                  entry["definition"], page, _tasks_of_page(exam_map, page)))

    # Half the myths are asked as the claim (false), half as the correction (true), chosen by
    # id, so "always answer False" does not pass the quiz.
    for item in catalog.of_kind("misconceptions"):
        as_claim = int(hashlib.sha256(item.id.encode()).hexdigest(), 16) % 2 == 0
        statement = item.data["claim"] if as_claim else item.data["correction"]
        explanation = (f"False. {item.data['correction']}" if as_claim
                       else f"True. The common mistake is to believe: {item.data['claim']}")
        questions.append(Question(f"{item.id}--myth", item.settings.study_topic, f"True or false? {statement}", ["True", "False"],
                                  1 if as_claim else 0, explanation, item.page, _tasks(catalog, exam_map, item)))
    return questions


def written_questions(catalog: Catalog, exam_map: ExamMap | None = None) -> list[Question]:
    """Hand-written scenario questions from data/questions/."""
    questions = []
    for item in catalog.of_kind("questions"):
        d = item.data
        options = [option["text"] for option in d["options"]]
        answer = next(index for index, option in enumerate(d["options"]) if option.get("correct"))
        page = catalog.get(d["links"][0]).page if d.get("links") else "index.md"
        questions.append(Question(item.id, d["topic"], d["question"], options, answer, d["explanation"], page,
                                  {exam: list(numbers) for exam, numbers in d["exam_tasks"].items()}, source="written"))
    return questions


def practice_questions(catalog: Catalog, exam_map: ExamMap | None = None) -> list[Question]:
    questions = written_questions(catalog, exam_map) + generated_questions(catalog, exam_map)
    ids = [question.id for question in questions]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"question ids must be unique; repeated: {', '.join(duplicates)}")
    return questions
