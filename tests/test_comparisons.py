"""Comparisons and solution pipelines in the built site: cells and boxes come from the compared
items' data."""

from __future__ import annotations

import json

from conftest import ROOT, flat, table_rows


def _display(value, vocabulary_terms: dict | None) -> str:
    values = value if isinstance(value, list) else [value]
    if vocabulary_terms:
        values = [vocabulary_terms[v] for v in values]
    return ", ".join("yes" if v is True else "no" if v is False else str(v) for v in values)


def vocabulary_of(kind: str, path: str) -> str | None:
    """The x-vocab a schema declares for a dotted field path (read from the JSON Schema)."""
    schema = json.loads((ROOT / "data" / "schemas" / f"{kind}.schema.json").read_text())
    for part in path.split("."):
        schema = schema["properties"][part]
    return schema.get("x-vocab") or schema.get("items", {}).get("x-vocab")


def test_comparison_cells_equal_the_items_data(algorithms, services, comparisons, vocab, page):
    everything = {**algorithms, **services}
    for comparison_id, comparison in comparisons.items():
        article = page(f"comparisons/{comparison_id}/")
        rows = {r[0]: r[1:] for r in table_rows(article.find("table"))}
        columns = comparison.get("items") or [o["id"] for o in comparison["options"]]
        if comparison.get("layout") == "rows":  # transpose back: one table row per item
            header = table_rows(article.find("table"))[0][1:]
            body = table_rows(article.find("table"))[1:]
            rows = {label: [r[1 + i] for r in body] for i, label in enumerate(header)}
        for row in comparison["rows"]:
            if "values" in row:
                expected = [row["values"][c] for c in columns]
            elif "key_fact" in row:
                expected = [next(f["value"] for f in everything[c]["key_facts"] if f["name"] == row["key_fact"]) for c in columns]
            else:
                expected = []
                for c in columns:
                    value = everything[c]
                    for part in row["field"].split("."):
                        value = value.get(part) if isinstance(value, dict) else None
                    vocabulary = vocabulary_of("algorithm" if c in algorithms else "service", row["field"])
                    terms = {t["id"]: t["label"] for t in vocab[vocabulary]["terms"]} if vocabulary else None
                    expected.append("—" if value in (None, []) else _display(value, terms))
            assert rows[row["label"]] == expected, (comparison_id, row["label"])


def test_pipeline_boxes_link_to_each_step_in_order(algorithms, services, comparisons, pipelines, page):
    for pipeline_id, pipeline in pipelines.items():
        article = page(f"pipelines/{pipeline_id}/")
        boxes = article.select(".kb-pipeline li")
        assert len(boxes) == len(pipeline["steps"]), pipeline_id
        for box, step in zip(boxes, pipeline["steps"], strict=True):
            link = box.find("a")
            assert link["href"].rstrip("/").endswith(step["item"]), (pipeline_id, step["item"])
            assert step["does"] in flat(box.get_text())
