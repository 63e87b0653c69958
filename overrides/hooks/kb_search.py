"""MkDocs hook (mkdocs.yml `hooks:`): the site's own search index, loaded only when a learner
opens search (docs/assets/search/, docs/search.md "How search is tuned").

Material's search plugin writes search/search_index.json, which Material's bundle fetches on
every page. After the build this hook moves the documents to search/kb_index.json (and, for
the offline copy, search/kb_index.js, which a file:// page can load as a script), adds each
item page's names (name, short name, aliases, former names) and `search_terms` from the data
as fields of their own, and leaves Material the
configuration only (a few hundred bytes: the separator, which the highlighting on the target
page uses). The offline plugin runs after this hook (priority -100) and inlines that stub.
"""

from __future__ import annotations

import glob
import json
import os
import shutil

INDEX, STUB = "kb_index", "search_index.json"
# page.meta key -> field of the page's document in the index (macros/page_meta.py sets them)
FIELDS = {"search_names": "names", "search_terms": "terms"}
_fields: dict[str, dict[str, list[str]]] = {}  # page url -> its fields (kept across `make serve` rebuilds)


def on_page_context(context, page, config, nav):
    fields = {field: [str(value) for value in page.meta.get(key) or []] for key, field in FIELDS.items()}
    _fields[page.url] = {field: values for field, values in fields.items() if values}
    if page.meta.get("search_kind"):
        _fields[page.url]["kind"] = str(page.meta["search_kind"])
    return context


def index_with_fields(index: dict, fields: dict[str, dict[str, list[str]]]) -> dict:
    """The search index with `names`, `terms` and the item `kind` on the documents of the pages
    that have them (a page's own document: its location has no #section)."""
    docs = [dict(doc, **fields.get(doc["location"], {})) for doc in index["docs"]]
    return {"config": index["config"], "docs": docs}


def drop_lunr(site_dir: str) -> None:
    """Material's lunr worker and lunr's language files: the theme copies them, nothing uses them."""
    shutil.rmtree(os.path.join(site_dir, "assets", "javascripts", "lunr"), ignore_errors=True)
    workers = os.path.join(site_dir, "assets", "javascripts", "workers")
    for path in glob.glob(os.path.join(workers, "search.*.min.js*")):
        os.remove(path)
    if os.path.isdir(workers) and not os.listdir(workers):
        os.rmdir(workers)


def on_post_build(config):
    drop_lunr(config["site_dir"])
    folder = os.path.join(config["site_dir"], "search")
    stub = os.path.join(folder, STUB)
    if not os.path.isfile(stub):
        return
    with open(stub, encoding="utf-8") as file:
        index = json.load(file)
    if not index.get("docs"):  # already moved (a rebuild that skipped the search plugin)
        return
    data = json.dumps(index_with_fields(index, _fields), ensure_ascii=False, separators=(",", ":"))
    with open(os.path.join(folder, f"{INDEX}.json"), "w", encoding="utf-8") as file:
        file.write(data)
    offline = config["plugins"].get("material/offline") or config["plugins"].get("offline")
    if offline is not None and offline.config.enabled:
        with open(os.path.join(folder, f"{INDEX}.js"), "w", encoding="utf-8") as file:
            file.write(f"self.__kbIndex = {data}")
    with open(stub, "w", encoding="utf-8") as file:
        json.dump({"config": index["config"], "docs": []}, file, separators=(",", ":"))
