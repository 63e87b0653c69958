"""The engine search did not ship, kept for the side-by-side measurement: Material's lunr
(material_search.py, Material's own ranking) with a query transformation and the same data
fields as the shipped engine (docs/search.md, "How search is tuned"; test_engines.py).

What it changes against Material's built-in search: the index gets the item pages' names and
search terms as fields; in the query, stop words are dropped, words shorter than 3 characters
match only themselves, a word of 5 or more characters that starts no indexed word becomes a
fuzzy term (one edit, two from 8 characters), the words of "X vs Y" / "difference between X
and Y" lose the comparison words and pages whose title names both sides get the same bonus as
in the shipped engine. It keeps lunr's scoring and Material's post-query boosts.
"""

from __future__ import annotations

import bisect
import json
import re
from pathlib import Path

from lunr.stop_word_filter import WORDS

from search.material_search import MaterialSearch

FIELD_BOOSTS = {"names": 1000.0, "terms": 500.0}
COMPARE_WORDS = {"vs", "versus", "difference", "differences", "compare", "comparison", "between"}
BETWEEN = re.compile(r"^(?:what(?:'s| is) the )?(?:differences? between|compare|comparing) (.+?) (?:and|with|to) (.+?)\??$")
VERSUS = re.compile(r"\s+(?:vs\.?|versus)\s+")


class LunrTransformSearch(MaterialSearch):
    def __init__(self, index: dict):
        config = dict(index["config"], fields={**index["config"]["fields"], **{f: {"boost": b} for f, b in FIELD_BOOSTS.items()}})
        super().__init__({"config": config, "docs": index["docs"]})
        self.vocabulary = sorted(self.index.inverted_index)
        self.titles = {doc["location"]: doc["title"] for doc in self.docs}
        self.sides: list[set[str]] | None = None
        self.kinds = {doc["location"]: doc.get("kind") for doc in self.docs if "kind" in doc}
        self.page_words: dict[str, set[str]] = {}
        for doc in self.docs:
            self.page_words.setdefault(doc["location"].split("#")[0], set()).update(
                self.words(re.sub(r"<[^>]*>", " ", doc.get("text", "")) + " " + doc["title"]))

    @classmethod
    def from_site(cls, site_dir: Path) -> LunrTransformSearch:
        return cls(json.loads((Path(site_dir) / "search" / "kb_index.json").read_text(encoding="utf-8")))

    def words(self, text: str) -> list[str]:
        return [word for word in self.separator.split(text.lower()) if word]

    def known(self, term: str) -> bool:
        at = bisect.bisect_left(self.vocabulary, term)
        return at < len(self.vocabulary) and self.vocabulary[at].startswith(term)

    def transform(self, query: str) -> str:
        query = query.strip().lower()
        between = BETWEEN.match(query)
        sides = [between[1], between[2]] if between else VERSUS.split(query)
        self.sides = [set(self.words(side)) for side in sides] if len(sides) == 2 else None
        raw = self.words(" ".join(sides))
        kept = [w for w in raw if w not in WORDS and not (self.sides and w in COMPARE_WORDS)] or raw
        terms = []
        for word in dict.fromkeys(kept):
            word = re.sub(r"[*+\-:^~]", "", word)
            if not word:
                continue
            if len(word) < 3:
                terms.append(word)
            elif len(word) >= 5 and not re.search(r"\d", word) and not self.known(word):
                terms.append(f"{word}~{2 if len(word) >= 8 else 1}")
            else:
                terms.append(f"{word}*")
        return " ".join(terms)

    def search(self, query: str) -> list[str]:
        pages = super().search(query)
        if not self.sides:
            return pages
        def names_both(page: str) -> bool:
            title = self.words(self.titles.get(page, ""))
            return all(any(word.startswith(term) for term in side for word in title) for side in self.sides)

        def holds_both(page: str) -> bool:  # a comparison page with every word of both sides
            if self.kinds.get(page) != "comparisons":
                return False
            words = self.page_words[page]
            return all(any(word.startswith(term) for word in words) for side in self.sides for term in side)
        # stable: same bonuses as the shipped engine, as an order
        return sorted(pages, key=lambda page: -(names_both(page) + holds_both(page)))
