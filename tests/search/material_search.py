"""Material for MkDocs' client-side search, reproduced in Python on the `lunr` package.

Material's search worker (src/templates/assets/javascripts/integrations/search in the
mkdocs-material repository) builds a lunr.js 2.3 index from site/search/search_index.json and
ranks results. This module follows it step by step so the relevance suite can run in
milliseconds without a browser; the browser suite checks that both agree.

The steps mirrored here:
- tokenize: text between HTML tags, split on the configured separator, lower-cased;
- pipeline: only the functions named in config.pipeline (trimmer/stemmer removed otherwise);
- fields with their boosts, document boosts from page metadata, b = 0 (no length norm);
- query transform: quoted phrases become required terms, each term is split on the
  separator and gets a trailing wildcard;
- post-query boost: score * (1 + boost^2), boost = 1 for a page's first section plus the
  share of query terms matched; then grouping of sections by page, in score order.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from pathlib import Path

import lunr.builder
from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.query import Query
from lunr.query_lexer import QueryLexer
from lunr.query_parser import QueryParser
from lunr.stop_word_filter import WORDS, stop_word_filter
from lunr.token import Token

PIPELINE_FUNCTIONS = {"stopWordFilter": stop_word_filter}  # the only one our config uses
FIELDS = ["title", "text", "tags"]


def split(text: str, separator: re.Pattern, emit) -> None:
    """Material's split(): call emit(start, end) for every non-empty run between separators."""
    index = 0
    for match in separator.finditer(text):
        if index < match.start():
            emit(index, match.start())
        index = match.end()
    if index < len(text):
        emit(index, len(text))


def text_blocks(markup: str):
    """Material's extract(): the text between tags (tags themselves are skipped)."""
    start = 0
    for end, char in enumerate(markup):
        if char == "<" and end > start:
            yield markup[start:end]
            start = end
        elif char == ">":
            start = end + 1
    if len(markup) > start:
        yield markup[start:]


class MaterialSearch:
    def __init__(self, search_index: dict):
        config = search_index["config"]
        self.separator = re.compile(config["separator"])
        unknown = set(config["pipeline"]) - set(PIPELINE_FUNCTIONS)
        if unknown:
            raise ValueError(f"pipeline functions not reproduced: {sorted(unknown)}")
        self.docs = search_index["docs"]
        self.parent: dict[str, str] = {}  # section location -> page location
        pages: set[str] = set()
        for doc in self.docs:
            path = doc["location"].split("#")[0]
            if path not in pages:
                pages.add(path)
            else:
                self.parent[doc["location"]] = path

        builder = Builder()
        builder.pipeline = Pipeline()
        builder.search_pipeline = Pipeline()
        for name in config["pipeline"]:
            builder.pipeline.add(PIPELINE_FUNCTIONS[name])
        builder.b(0)
        builder.ref("location")
        for name, spec in config["fields"].items():
            builder.field(name, boost=spec.get("boost", 1), extractor=lambda doc, n=name: doc.get(n))
        with self._tokenizer():
            for doc in self.docs:
                builder.add(doc, {"boost": doc.get("boost", 1)})
        self.index = builder.build()

    @classmethod
    def from_site(cls, site_dir: Path) -> MaterialSearch:
        return cls(json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8")))

    @contextmanager
    def _tokenizer(self):
        """lunr.py's Builder calls a module-level Tokenizer; swap in Material's for the build."""
        original = lunr.builder.Tokenizer

        def tokenize(value, metadata=None):
            if value is None:
                return []
            tokens = []
            for item in value if isinstance(value, list) else [value]:
                for block in text_blocks(str(item)):
                    split(block, self.separator, lambda s, e, b=block: tokens.append(Token(b[s:e].lower(), {})))
            return tokens

        lunr.builder.Tokenizer = tokenize
        try:
            yield
        finally:
            lunr.builder.Tokenizer = original

    # --- query side ------------------------------------------------------------------------

    def _split_term(self, part: str) -> list[str]:
        """transformSearchQuery's visitor: lex the part, split each TERM on the separator."""
        lexer = QueryLexer(part)
        lexer.run()
        terms = []
        for lexeme in lexer.lexemes:
            if lexeme["type"] == QueryLexer.FIELD:
                if lexeme["string"] not in FIELDS:  # Material's "remove colon" hack
                    end = lexeme["end"]
                    part = part[:end] + " " + part[end + 1:]
            elif lexeme["type"] == QueryLexer.TERM:
                term, start, end = lexeme["string"], lexeme["start"], lexeme["end"]
                split(term, self.separator,
                      lambda s, e, p=part, t=term, a=start, b=end: terms.append(p[:a] + t[s:e] + p[b:]))
        return terms

    def transform(self, query: str) -> str:
        parts = re.split(r'"([^"]+)"', query.strip())
        query = "".join(
            re.sub(r"^\b|^(?![^\x00-\x7F]|$)|\s+", " +", part) if index % 2 else part
            for index, part in enumerate(parts)
        )
        query = re.sub(r'"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)', "", query)
        terms = [t for part in re.split(r"\s+", query) for t in self._split_term(part)]
        terms = [t + "1" if re.search(r"[~^]$", t) else t for t in terms]
        terms = [t if re.search(r"(^[+-]|[~^]\d+$)", t) else t + "*" for t in terms]
        return " ".join(terms)

    @staticmethod
    def _clauses(query: str) -> list[str]:
        """parseSearchQuery: clause terms without wildcards, prohibited clauses left out."""
        parsed = Query(FIELDS)
        QueryParser(query, parsed).parse()
        return [c.term.strip("*") for c in parsed.clauses if c.presence != 3]  # 3 = PROHIBITED

    def search(self, query: str) -> list[str]:
        """Page locations in the order Material lists them for this query."""
        transformed = self.transform(query)
        if not transformed:
            return []
        clauses = self._clauses(transformed)
        scored = []
        for result in self.index.search(transformed):
            matched = list(result["match_data"].metadata)
            found: dict[str, bool] = {}
            remaining = list(dict.fromkeys(clauses))
            for term in matched:
                for clause in list(remaining):
                    if term.startswith(clause):
                        found[clause] = True
                        remaining.remove(clause)
            for clause in remaining:
                if clause and clause not in WORDS:
                    found[clause] = False
            share = sum(found.values()) / len(found) if found else 0.0
            boost = (0 if result["ref"] in self.parent else 1) + share
            scored.append((result["score"] * (1 + boost**2), result["ref"]))
        scored.sort(key=lambda pair: -pair[0])  # stable, like Array.prototype.sort
        pages: list[str] = []
        for _, location in scored:
            page = self.parent.get(location, location)
            if page not in pages:
                pages.append(page)
        return pages
