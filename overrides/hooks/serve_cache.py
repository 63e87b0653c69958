"""MkDocs hook: `make serve` rebuilds only the pages whose content changed.

Every page of this site calls macros that read data/, so an edit to one YAML file makes MkDocs
rebuild everything, and most of a rebuild is converting Markdown (about half) and rendering
each page into the theme. Under `mkdocs serve` (and only there) this hook remembers, per page:

- the HTML that Markdown made from the page's Markdown *after* the macros ran, keyed by that
  Markdown, the Markdown extensions' configuration (the glossary's abbreviations live there)
  and the list of pages (links resolve against it);
- the finished HTML file and the search entries of the page, keyed by its content, title,
  metadata, the whole navigation (titles and addresses: a renamed item changes every page's
  sidebar) and the theme files and mkdocs.yml.

Jinja's compiled code is remembered too, by template source and environment settings.
A page whose keys are unchanged is taken from memory, everything else is built as usual; the
macros still render every page, so nothing a page shows can be stale. `mkdocs build` is never
affected (the hook does nothing unless the command is `serve`). tests/test_serve.py checks
that an edited value shows, that a broken file is reported and that the server recovers.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.pages import Page

_render_original = Page.render
_build_page_original = mkdocs_build._build_page
_rendered: dict[str, tuple[str, dict]] = {}  # src_uri -> (key, what Page.render sets)
_built: dict[str, tuple[str, bytes, list]] = {}  # src_uri -> (key, output file, search entries)
_memo: dict[str, tuple[int, str]] = {}  # per build: fingerprints of the config, files, nav, theme
RENDERED = ("content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors")
STATS = {"rendered": 0, "reused": 0, "built": 0, "copied": 0}


def _digest(*parts: object) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _once(name: str, owner: object, compute) -> str:
    """A fingerprint computed once per build (per config or nav object)."""
    cached = _memo.get(name)
    if cached is None or cached[0] != id(owner):
        cached = (id(owner), compute())
        _memo[name] = cached
    return cached[1]


def _markdown_settings(config) -> str:
    return _once("markdown", config, lambda: _digest(
        [e if isinstance(e, str) else type(e).__qualname__ for e in config["markdown_extensions"]], config["mdx_configs"]))


def _pages_list(files) -> str:
    return _once("files", files, lambda: _digest(sorted(f.src_uri for f in files)))


def _theme(config) -> str:
    def compute():
        stamps = [Path(config.config_file_path).read_bytes()] if config.config_file_path else []
        for folder in config.theme.dirs:
            for root, _, names in os.walk(folder):
                stamps += [(os.path.join(root, n), os.stat(os.path.join(root, n)).st_mtime_ns) for n in sorted(names)]
        return _digest(stamps)

    return _once("theme", config, compute)


def _navigation(nav) -> str:
    def walk(items):
        return [(type(i).__name__, i.title, getattr(i, "url", None), walk(i.children or []) if i.children else None) for i in items]

    return _once("nav", nav, lambda: _digest(walk(nav.items)))


def render(self: Page, config, files) -> None:
    key = _digest(self.markdown, _markdown_settings(config), _pages_list(files))
    hit = _rendered.get(self.file.src_uri)
    if hit and hit[0] == key:
        for name, value in hit[1].items():
            setattr(self, name, value)
        STATS["reused"] += 1
        return
    _render_original(self, config, files)
    _rendered[self.file.src_uri] = (key, {name: getattr(self, name, None) for name in RENDERED})
    STATS["rendered"] += 1


def build_page(page, config, doc_files, nav, env, dirty=False, excluded=False) -> None:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    entries = search.search_index.entries if search is not None and getattr(search, "search_index", None) else None
    key = _digest(page.content, page.title, page.meta, excluded, _navigation(nav), _theme(config), page.file.dest_uri)
    hit = _built.get(page.file.src_uri)
    if hit and hit[0] == key and entries is not None:
        Path(page.file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(page.file.abs_dest_path).write_bytes(hit[1])
        entries.extend(hit[2])
        STATS["copied"] += 1
        return
    before = len(entries) if entries is not None else 0
    _build_page_original(page, config, doc_files, nav, env, dirty, excluded)
    path = Path(page.file.abs_dest_path)
    if entries is not None and path.exists():
        _built[page.file.src_uri] = (key, path.read_bytes(), entries[before:])
    STATS["built"] += 1


_compile_original = jinja2.Environment.compile
_compiled: dict[str, object] = {}


def compile_template(self, source, name=None, filename=None, raw=False, defer_init=False):
    """Jinja's compile, remembered across rebuilds: every rebuild makes new Jinja environments
    (the theme's and the macros plugin's, which compiles each page as a template), and the
    same source compiled with the same settings gives the same code."""
    settings = (self.block_start_string, self.block_end_string, self.variable_start_string, self.variable_end_string,
                self.comment_start_string, self.comment_end_string, self.line_statement_prefix, self.line_comment_prefix,
                self.trim_blocks, self.lstrip_blocks, self.newline_sequence, self.keep_trailing_newline,
                self.optimized, self.is_async, repr(self.autoescape), self.finalize is not None,
                sorted(self.filters), sorted(self.tests), sorted(self.extensions), type(self).__qualname__)
    if not isinstance(source, str):  # an already parsed template: nothing to remember
        return _compile_original(self, source, name, filename, raw, defer_init)
    key = _digest(source, name, filename, raw, defer_init, settings)
    if key not in _compiled:
        _compiled[key] = _compile_original(self, source, name, filename, raw, defer_init)
    return _compiled[key]


def on_startup(command, dirty):  # MkDocs hook signature
    if command == "serve":
        Page.render = render
        mkdocs_build._build_page = build_page
        jinja2.Environment.compile = compile_template


def on_pre_build(config):  # MkDocs hook signature
    for name in STATS:
        STATS[name] = 0


def on_post_build(config):  # MkDocs hook signature
    if Page.render is render:
        print(f"serve cache: Markdown converted for {STATS['rendered']} pages, reused for {STATS['reused']}; "
              f"{STATS['built']} pages rendered, {STATS['copied']} unchanged", flush=True)
