"""Algorithm pages and the tables across all algorithms, in the built site: every value agrees
with the YAML it comes from (expected values computed here, never copied from the output)."""

from __future__ import annotations

import pytest
from conftest import flat, table_after, table_rows

TICK = "✓"


def name_of(algorithms: dict, item_id: str) -> str:
    return algorithms[item_id]["name"]


def by_name(algorithms: dict) -> list[str]:
    return sorted(algorithms, key=lambda item_id: algorithms[item_id]["name"].casefold())


def used_in_order(vocab_terms: list[dict], used: set[str]) -> list[str]:
    return [term["id"] for term in vocab_terms if term["id"] in used]


def test_every_algorithm_has_a_page_titled_with_its_name(algorithms, page):
    for item_id, data in algorithms.items():
        assert flat(page(f"algorithms/{item_id}/").h1.get_text()) == data["name"]


def test_algorithm_pages_show_required_hyperparameters_and_content_types(algorithms, page):
    for item_id, data in algorithms.items():
        article = page(f"algorithms/{item_id}/")
        rows = table_rows(table_after(article, "hyperparameters"))
        required_shown = {row[0] for row in rows[1:] if row[1] == "yes"}
        assert required_shown == {h["name"] for h in data["hyperparameters"] if h["required"]}, item_id
        assert {row[0] for row in rows[1:]} == {h["name"] for h in data["hyperparameters"]}, item_id
        shown = article.find(id="training").find_next("strong", string="Content types:").parent
        assert [c.get_text() for c in shown.find_all("code")] == data["training"]["content_types"], item_id
        inference = {row.find("td").get_text(): row.find_all("td")[1] for row in table_after(article, "inference").find_all("tr")[1:]}
        requested = [c.get_text() for c in inference["Request content types"].find_all("code")]
        assert requested == data["inference"]["request_content_types"], item_id


def test_algorithm_pages_show_aliases_sources_and_verification_date(algorithms, page):
    for item_id, data in algorithms.items():
        article = page(f"algorithms/{item_id}/")
        text = flat(article.get_text())
        for alias in data["aliases"]:
            assert alias in text, (item_id, alias)
        links = {a["href"] for a in article.find(id="sources").find_next("ul").find_all("a")}
        assert links == {source["url"] for source in data["sources"]}, item_id
        assert f"last checked against these sources on {data['last_verified']}" in text


def test_tuning_metrics_match_data(algorithms, page):
    for item_id, data in algorithms.items():
        metrics = data["tuning"]["objective_metrics"]
        article = page(f"algorithms/{item_id}/")
        if not metrics:
            assert "AWS lists no objective metric" in article.get_text()
            continue
        rows = table_rows(table_after(article, "tuning"))[1:]
        assert [(row[0], row[1]) for row in rows] == [(m["name"], m["goal"]) for m in metrics], item_id


def test_mentions_of_other_algorithms_link_to_their_pages(algorithms, page):
    for item_id, data in algorithms.items():
        article = page(f"algorithms/{item_id}/")
        hrefs = {a["href"] for a in article.find_all("a", href=True)}
        for other in set(data["related"]) | {c["with"] for c in data["confusions"]}:
            assert f"../{other}/" in hrefs, (item_id, other)


def test_overview_table_has_one_row_per_algorithm(algorithms, vocab, page):
    rows = table_rows(page("algorithms/").find("table"))
    labels = {t["id"]: t["label"] for t in vocab["algorithm-categories"]["terms"]}
    assert [row[0] for row in rows[1:]] == [name_of(algorithms, i) for i in by_name(algorithms)]
    for row, item_id in zip(rows[1:], by_name(algorithms), strict=True):
        assert row[1] == labels[algorithms[item_id]["category"]]
        assert row[6] == ("yes" if algorithms[item_id]["training"]["is_parallelizable"] else "no")


@pytest.mark.parametrize("direction, heading, field", [
    ("training", "training-content-types", lambda d: d["training"]["content_types"]),
    ("inference", "inference-request-content-types", lambda d: d["inference"]["request_content_types"]),
])
def test_content_type_matrix_cells_equal_the_data(algorithms, vocab, page, direction, heading, field):
    matrix = table_after(page("algorithms/content-types/"), heading)
    rows = table_rows(matrix)
    used = {ct for data in algorithms.values() for ct in field(data)}
    columns = used_in_order(vocab["content-types"]["terms"], used)
    labels = {term["id"]: term["label"] for term in vocab["content-types"]["terms"]}
    assert rows[0] == ["Algorithm", *[labels[ct] for ct in columns]]
    assert [row[0] for row in rows[1:]] == [name_of(algorithms, i) for i in by_name(algorithms)]
    for row, item_id in zip(rows[1:], by_name(algorithms), strict=True):
        expected = [TICK if ct in field(algorithms[item_id]) else "" for ct in columns]
        assert row[1:] == expected, (direction, item_id)


def test_each_content_type_section_lists_the_algorithms_that_read_it(algorithms, vocab, page):
    article = page("algorithms/content-types/")
    readers = {"Training:": lambda d: d["training"]["content_types"], "Inference requests:": lambda d: d["inference"]["request_content_types"]}
    used = {ct for data in algorithms.values() for read in readers.values() for ct in read(data)}
    headings = article.find(id="each-content-type").find_all_next("h3")
    assert [h.find("code").get_text() for h in headings] == used_in_order(vocab["content-types"]["terms"], used)
    for heading in headings:
        mime = heading.find("code").get_text()
        assert heading["id"] == mime.replace("/", "-").replace(".", "-")
        for item in heading.find_next("ul").find_all("li"):
            label = item.find("strong").get_text()
            expected = [name_of(algorithms, i) for i in by_name(algorithms) if mime in readers[label](algorithms[i])]
            assert [a.get_text() for a in item.find_all("a")] == expected, (mime, label)


def test_training_matrix_cells_equal_the_data(algorithms, vocab, page):
    rows = table_rows(page("algorithms/training/").find("table"))
    modes = [t["id"] for t in vocab["input-modes"]["terms"]]
    yes_no = {True: "yes", False: "no"}
    for row, item_id in zip(rows[1:], by_name(algorithms), strict=True):
        t = algorithms[item_id]["training"]
        present = {m["mode"] for m in t["input_modes"]}
        assert row[0] == name_of(algorithms, item_id)
        assert row[1] == ", ".join(p.upper() for p in t["processors"])
        if t["supports_multi_gpu"] is not None:
            multi_gpu = yes_no[t["supports_multi_gpu"]]
        else:
            multi_gpu = "not documented by AWS" if "gpu" in t["processors"] else "not applicable (no GPU training)"
        assert row[2:5] == [multi_gpu, yes_no[t["supports_multi_instance"]], yes_no[t["is_parallelizable"]]]
        assert row[5:5 + len(modes)] == [TICK if m in present else "" for m in modes], item_id
        assert row[-1] == yes_no[t["supports_incremental_training"]]


def test_required_hyperparameters_table_equals_the_data(algorithms, page):
    rows = table_rows(page("algorithms/hyperparameters/").find("table"))[1:]
    expected = [
        (name_of(algorithms, i), h["name"], "always" if h["required"] else f"when {h['required_when']}")
        for i in by_name(algorithms) for h in algorithms[i]["hyperparameters"]
        if h["required"] or h.get("required_when")
    ]
    assert [(r[0], r[1], r[2]) for r in rows] == expected


def test_problem_index_lists_each_algorithm_under_each_of_its_problem_types(algorithms, vocab, page):
    article = page("algorithms/choose/")
    for term in vocab["problem-types"]["terms"]:
        members = [name_of(algorithms, i) for i in by_name(algorithms) if term["id"] in algorithms[i]["problem_types"]]
        heading = article.find("h2", string=lambda s, label=term["label"]: s and s.strip() == label)
        if not members:
            assert heading is None, term["id"]
            continue
        assert heading is not None, term["id"]
        assert [row[0] for row in table_rows(heading.find_next("table"))[1:]] == members
