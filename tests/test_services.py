"""Service pages, status badges, the retired list and the category indexes, in the built site,
against the YAML."""

from __future__ import annotations

from conftest import flat, table_after, table_rows


def test_every_service_page_shows_its_key_facts_and_sources(services, page):
    for item_id, data in services.items():
        article = page(f"services/{data['category']}/{item_id}/")
        assert flat(article.h1.get_text()) == data["name"], item_id
        if data["key_facts"]:
            rows = table_rows(table_after(article, "key-facts-and-limits"))[1:]
            assert [(r[0], r[1]) for r in rows] == [(str(f["label"]), str(f["value"])) for f in data["key_facts"]], item_id
        links = {a["href"] for a in article.find(id="sources").find_next("ul").find_all("a")}
        assert links == {source["url"] for source in data["sources"]}, item_id


def test_status_badges_appear_exactly_where_status_is_not_active(services, page):
    for item_id, data in services.items():
        article = page(f"services/{data['category']}/{item_id}/")
        badges = article.select(".kb-badge")
        if data["status"]["state"] == "active":
            assert badges == [], item_id
        else:
            assert len(badges) == 1 and str(data["status"]["date"]) in badges[0].get_text(), item_id
            # the status box below the badge says what happened, not the badge's words again
            box = article.select_one(".admonition.warning")
            assert box is not None and data["status"]["note"].split()[0] in box.get_text(), item_id
            assert str(data["status"]["date"]) not in box.select_one(".admonition-title").get_text(), item_id
    index = page("services/")
    for item_id, data in services.items():
        row = index.find("a", href=lambda h, i=item_id: h and h.rstrip("/").endswith(f"/{i}")).find_parent("tr")
        assert bool(row.select(".kb-badge")) == (data["status"]["state"] != "active"), item_id


def test_retired_services_page_lists_exactly_the_services_not_active(services, page):
    table = page("services/retired/").find("table")
    rows = table_rows(table)[1:] if table else []
    retired = [d for d in services.values() if d["status"]["state"] != "active"]
    expected = sorted(sorted(retired, key=lambda d: d["name"].casefold()), key=lambda d: str(d["status"]["date"]), reverse=True)
    assert [r[0] for r in rows] == [d["name"] for d in expected]


def test_category_pages_list_exactly_their_services(services, vocab, page):
    for term in vocab["service-categories"]["terms"]:
        members = sorted((d["name"] for d in services.values() if d["category"] == term["id"]), key=str.casefold)
        table = page(f"services/{term['id']}/").find("table")
        shown = [r[0] for r in table_rows(table)[1:]] if table else []
        assert shown == members, term["id"]
