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


# --- wide comparisons stay readable (issue #14, part 6) ------------------------------------------

MIN_COLUMN_PX = 140  # an item column never narrower than this (7rem at Material's 20 px root)
MEASURE = """() => {
  const table = document.querySelector("article .kb-comparison table")
  const box = table.closest(".md-typeset__scrollwrap")
  const first = table.querySelector("tbody tr td")
  return {
    columns: [...table.querySelector("tr").children].slice(1).map(cell => cell.getBoundingClientRect().width),
    page: document.documentElement.scrollWidth, viewport: window.innerWidth,
    box: box.clientWidth, boxContent: box.scrollWidth,
    toc: !!document.querySelector(".md-sidebar--secondary:not([hidden])") &&
         getComputedStyle(document.querySelector(".md-sidebar--secondary")).visibility !== "hidden",
  }
}"""
STICKY = """() => {
  const table = document.querySelector("article .kb-comparison table")
  const box = table.closest(".md-typeset__scrollwrap")
  box.scrollLeft = 400
  return table.querySelector("tbody tr td").getBoundingClientRect().left - box.getBoundingClientRect().left
}"""


def column_counts(comparisons: dict) -> dict[str, int]:
    """comparison id -> how many columns beside the labels its table has (from the data): one per
    item or option, or one per row for the layout that puts the items in rows."""
    return {
        cid: len(data["rows"]) if data.get("layout") == "rows" else len(data.get("items") or data["options"])
        for cid, data in comparisons.items()
    }


def test_wide_comparisons_give_each_column_room_at_1280_px_and_scroll_in_their_box_on_a_phone(browser, served_site, comparisons):
    counts = column_counts(comparisons)
    widest = max(counts.values())
    assert widest >= 6
    wide = sorted(cid for cid, n in counts.items() if n >= 4)
    widest_ids = [cid for cid in wide if counts[cid] == widest]
    for theme in ("light", "dark"):
        for width in (1280, 375):
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=theme)
            tab = context.new_page()
            for cid in wide if (width, theme) == (1280, "light") else widest_ids:
                tab.goto(served_site + f"comparisons/{cid}/")
                m = tab.evaluate(MEASURE)
                assert len(m["columns"]) == counts[cid], cid
                assert m["page"] <= m["viewport"], f"{cid} at {width} px: the page scrolls sideways"
                assert min(m["columns"]) >= MIN_COLUMN_PX - 0.5, f"{cid} at {width} px: columns {m['columns']}"
                if width == 1280:
                    assert not m["toc"], f"{cid}: the table of contents takes the width"
                else:  # the table is wider than a phone: it scrolls inside its own box, labels in view
                    assert m["boxContent"] > m["box"], cid
                    assert abs(tab.evaluate(STICKY)) <= 1, f"{cid}: the row labels scroll out of view"
            context.close()


def test_a_narrow_comparison_keeps_its_layout(browser, served_site, comparisons):
    """The negative case: a two-item comparison fits a 1280 px page without scrolling in its box."""
    counts = column_counts(comparisons)
    narrow = sorted(cid for cid, n in counts.items() if n == 2)
    assert narrow
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(served_site + f"comparisons/{narrow[0]}/")
    m = tab.evaluate(MEASURE)
    assert m["boxContent"] <= m["box"] and min(m["columns"]) >= MIN_COLUMN_PX - 0.5
    context.close()
