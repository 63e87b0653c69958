"""The site's search engine (docs/assets/search/): its rules on a small made-up index, the
index the build writes, the engine chosen by measurement against lunr with a query
transformation, and the search box in Chromium (over http and lazily loaded).

The rules are checked on a made-up index so that each test shows the behaviour it names,
independent of the content; the relevance suite (test_relevance.py) checks the real site.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPORT

from search.kb_search import KBSearch
from search.lunr_transform import LunrTransformSearch
from search.material_search import MaterialSearch
from tools.browser import SearchBox

ROOT = Path(__file__).resolve().parents[2]
QUERIES = yaml.safe_load((Path(__file__).parent / "queries.yaml").read_text(encoding="utf-8"))["queries"]
SEPARATOR = r'[\s\-,:;!=\[\]()"`.]+|(?<!application)(?<!text)(?<!image)/+'
CONFIG = {"lang": ["en"], "separator": SEPARATOR, "pipeline": ["stopWordFilter"],
          "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}}


def page(location, title, text, **fields):
    return {"location": location, "title": title, "text": f"<p>{text}</p>", "boost": 3, **fields}


DOCS = [
    page("topics/", "Topic modelling", "Topics and tokens of a corpus, for STS and to-do lists."),
    page("polly/", "Amazon Polly", "Text to speech: turns text into lifelike speech.",
         names=["Amazon Polly", "Polly"]),
    page("transcribe/", "Amazon Transcribe", "Speech to text for audio and video files.",
         names=["Amazon Transcribe", "Transcribe"], terms=["subtitles", "captions"]),
    page("kms/", "AWS KMS", "Keys for encryption, KMS and KCL and KPL mentioned here."),
    page("cross-validation/", "Cross-validation", "k fold cross validation splits the data into k folds."),
    page("sagemaker/", "Amazon SageMaker AI", "Build, train and deploy models with SageMaker.",
         names=["Amazon SageMaker AI", "SageMaker"]),
    page("savings/", "SageMaker Savings Plans", "Pay less for SageMaker usage with SageMaker Savings Plans.",
         names=["SageMaker Savings Plans", "Savings Plans"]),
    page("lambda/", "AWS Lambda", "Run code without servers; Lambda suits short jobs, unlike Batch."),
    page("batch/", "AWS Batch", "Run batch jobs on managed compute; Batch versus Lambda for long jobs."),
    page("comparisons/lambda-vs-batch/", "Lambda vs Batch", "Lambda for short events, Batch for long jobs.",
         kind="comparisons"),
    page("comparisons/other/", "Glue vs EMR", "A comparison of two other services.", kind="comparisons"),
    page("optimiser/", "Hyperparameter optimisation", "The tuner optimises the objective; normalisation of inputs."),
    page("drift/", "Drift monitoring", "Detect data drift and model drift."),
    page("databrew/", "AWS Glue DataBrew", "Prepare datasets visually with DataBrew."),
    page("derived/", "Required hyperparameters", "num_class num_round feature_dim num_class num_class", boost=2),
    page("xgboost/", "XGBoost", "Gradient-boosted trees. Hyperparameters: num_class, num_round."),
    page("feature-store/", "Feature Store", "Store features for training and for inference.",
         names=["Feature Store", "Offline feature store"]),
    page("search-approach/", "Search approach", "One approach to search keeps a cache."),
    page("comparisons/voices/", "Voice services", "Polly or Transcribe: Polly speaks, Transcribe writes. "
         "Polly and Transcribe side by side.", kind="comparisons"),
    page("approached/", "Approached", "Approached, approached."),
    page("s3/", "Amazon S3", "Object storage in buckets.", names=["Amazon S3", "S3"]),
    page("s3-speed/", "Amazon S3 transfer speed", "Amazon S3 multipart upload to Amazon S3, S3 Transfer Acceleration "
         "and S3 byte ranges on Amazon S3."),
    {"location": "xgboost/#hyperparameters", "title": "Hyperparameters", "text": "<p>num_class is required for multi:softmax.</p>", "boost": 3},
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> KBSearch:
    path = tmp_path_factory.mktemp("engine") / "kb_index.json"
    path.write_text(json.dumps({"config": CONFIG, "docs": DOCS}), encoding="utf-8")
    return KBSearch(path)


def test_stop_words_and_short_words_never_act_as_prefixes(engine):
    assert engine.search("text to speech")[:2] == ["polly/", "transcribe/"]
    assert "topics/" not in engine.search("text to speech")  # "to" would match "topics", "tokens"
    assert "topics/" not in engine.search("to")
    assert "kms/" not in engine.search("k fold cross validation")  # "k" would match KMS, KCL, KPL
    assert engine.search("k fold cross validation")[0] == "cross-validation/"


def test_words_typed_next_to_each_other_weigh_more(engine):
    # both pages hold "speech" and "text"; the order typed decides
    assert engine.search("speech to text")[0] == "transcribe/"
    assert engine.search("text to speech")[0] == "polly/"
    assert engine.search("what is speech to text?")[0] == "transcribe/"  # stop words around the phrase


def test_words_of_three_letters_or_more_still_match_as_prefixes(engine):
    assert engine.search("sagem")[0] == "sagemaker/"
    assert engine.search("transcr")[0] == "transcribe/"
    assert engine.search("datab") == ["databrew/"]


def test_only_the_word_being_typed_completes_once_earlier_words_are_words(engine):
    # "data" is a word of the index: it no longer matches DataBrew or datasets by prefix
    assert engine.search("data drift")[0] == "drift/"
    assert "databrew/" not in engine.search("data drift")
    assert "databrew/" in engine.search("drift data")  # the last word still completes


def test_typos_match_one_or_two_edits_away(engine):
    assert engine.search("sagemkaer")[0] == "sagemaker/"  # two edits, 9 letters
    assert engine.search("transcrbe")[0] == "transcribe/"  # one edit
    assert engine.search("polyl") == []  # 5 letters allow one edit only, a swap is two
    assert engine.search("kns") == []  # under 5 letters: no typo tolerance (would match kms)


def test_typo_tolerance_never_drowns_an_exact_match(engine):
    # "batch" is in the index, so it is not treated as a typo of anything else
    result = engine.result("batch")
    words = {word for group in result["items"] for doc in group for word in doc["terms"]}
    assert words == {"batch"}


def test_x_vs_y_leads_to_the_comparison_holding_both(engine):
    for query in ("lambda vs batch", "Lambda versus Batch", "batch vs. lambda",
                  "difference between lambda and batch", "what is the difference between Lambda and Batch?", "What's the difference between lambda and batch",
                  "compare lambda and batch", "the lambda vs the batch"):
        assert engine.search(query)[0] == "comparisons/lambda-vs-batch/", query
    assert "comparisons/other/" not in engine.search("lambda vs batch")  # "vs" is not a search word


def test_x_vs_y_with_no_comparison_naming_both_leads_to_the_page_of_each(engine):
    # the voices comparison mentions both but names neither in its title: their own pages come first
    assert set(engine.search("polly vs transcribe")[:2]) == {"polly/", "transcribe/"}
    assert set(engine.search("difference between transcribe and polly")[:2]) == {"polly/", "transcribe/"}


def test_words_typed_apart_or_run_together_are_respaced(engine):
    # "sage maker" is one word of a title; "featurestore" and "datadrift" are two words run together
    assert engine.search("sage maker")[0] == "sagemaker/"
    assert engine.search("featurestore")[0] == "feature-store/"
    assert engine.search("datadrift")[0] == "drift/"
    # two words that are each a word of some name stay apart ("feature store" is no typo)
    assert engine.search("feature store")[0] == "feature-store/"
    # a typo of one word is corrected, not split into pieces
    assert engine.search("transcirbe")[0] == "transcribe/"


def test_a_query_that_spells_out_a_name_ranks_that_page_first(engine):
    # "SageMaker" is a name of the SageMaker page; the Savings Plans page says it more often
    assert engine.search("sagemaker")[:2] == ["sagemaker/", "savings/"]
    assert engine.search("sagemkaer")[:2] == ["sagemaker/", "savings/"]
    assert engine.search("amazon sagemaker")[0] == "sagemaker/"
    assert engine.search("sagemaker savings")[0] == "savings/"  # the longer name wins when typed


def test_plurals_in_es_fold_to_the_singular(engine):
    assert engine.search("approaches")[0] == "search-approach/"
    assert engine.search("caches")[0] == "search-approach/"  # "caches" and "cache" share one form


def test_highlight_terms_are_whole_words_never_single_letters(engine):
    # Material marks every word *starting* with a term on the target page: "k" would mark most of
    # it, and the folded or half-typed form ("transcr") only part of a word
    groups = engine.result("k fold cross validation")["items"]
    assert groups and all("k" not in doc["terms"] for group in groups for doc in group)
    assert groups[0][0]["terms"] == {"fold": True, "cross": True, "validation": True}
    assert engine.result("transcr")["items"][0][0]["terms"] == {"transcribe": True}
    assert engine.result("optimisation")["items"][0][0]["terms"] == {"optimisation": True}
    # a query of short words only still highlights them
    assert engine.result("k")["items"][0][0]["terms"] == {"k": True}


def test_a_page_link_highlights_what_its_sections_matched(engine):
    # "softmax" is only in a section of the XGBoost page; the page's own link still carries it
    groups = engine.result("softmax")["items"]
    assert len(groups) == 1
    xgboost = {doc["location"]: doc for doc in groups[0]}
    assert xgboost["xgboost/"]["terms"] == {"softmax": True}
    assert xgboost["xgboost/#hyperparameters"]["terms"] == {"softmax": True}


def test_british_and_american_spellings_find_each_other(engine):
    for query in ("optimize", "optimise", "optimization", "normalization", "normalisation", "optimizes"):
        assert engine.search(query)[0] == "optimiser/", query


def test_search_terms_and_names_from_the_data_are_boosted_fields(engine):
    assert engine.search("subtitles") == ["transcribe/"]  # only in the item's search_terms
    assert engine.search("captions")[0] == "transcribe/"


def test_item_pages_rank_above_derived_tables_for_their_own_identifiers(engine):
    pages = engine.search("num_class")
    assert pages.index("xgboost/") < pages.index("derived/")


def test_results_have_materials_shape_with_highlighting_and_terms(engine):
    items = engine.result("sagemaker")["items"]
    first = items[0]
    assert first[0]["location"] == "sagemaker/"
    assert first[0]["title"] == "Amazon <mark>SageMaker</mark> AI"
    assert "<mark>SageMaker</mark>" in first[0]["text"]
    assert first[0]["terms"] == {"sagemaker": True}
    assert all(isinstance(doc["score"], float | int) for group in items for doc in group)
    # a typo highlights, and asks the target page to highlight, the word it matched
    assert engine.result("sagemkaer")["items"][0][0]["terms"] == {"sagemaker": True}
    # sections are grouped under their page, the page first
    groups = {group[0]["location"]: [doc["location"] for doc in group] for group in engine.result("num_class")["items"]}
    assert set(groups["xgboost/"]) == {"xgboost/", "xgboost/#hyperparameters"}
    assert engine.result("")["items"] == [] and engine.result("qqzzxxkv")["items"] == []


# --- the built index -------------------------------------------------------------------------

def test_the_build_moves_the_index_out_of_materials_first_load(site):
    stub = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    index = json.loads((site / "search" / "kb_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == [] and stub["config"] == index["config"]
    assert (site / "search" / "search_index.json").stat().st_size < 1000
    assert len(index["docs"]) > 1000
    assert not (site / "search" / "kb_index.js").exists()  # only the offline copy needs the script
    assert (site / "assets" / "vendor" / "minisearch" / "LICENSE.txt").is_file()
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '"search": "assets/search/worker.js"' in html and "assets/search/loader.js" in html
    assert "workers/search." not in html  # Material's lunr worker is not used, nor shipped
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert not (site / "assets" / "javascripts" / "workers").exists()


def test_item_pages_carry_their_names_and_search_terms_from_the_data(site, services):
    docs = {doc["location"]: doc for doc in json.loads((site / "search" / "kb_index.json").read_text(encoding="utf-8"))["docs"]}
    msk = docs["services/streaming/msk/"]
    data = services["msk"]
    assert msk["names"][:2] == [data["name"], data["short_name"]] and set(data["aliases"]) <= set(msk["names"])
    with_terms = {name: item for name, item in services.items() if item.get("search_terms")}
    for doc in docs.values():
        assert "#" not in doc["location"] or not ({"names", "terms", "kind"} & doc.keys()), doc["location"]
    if with_terms:  # the data field arrives with issue 16's search terms
        name, item = next(iter(with_terms.items()))
        assert any(doc.get("terms") == item["search_terms"] for doc in docs.values()), name
    assert docs["comparisons/kinesis-family/"]["kind"] == "comparisons"


def test_hook_adds_fields_to_page_documents_only():
    import importlib.util

    spec = importlib.util.spec_from_file_location("kb_search_hook", ROOT / "overrides" / "hooks" / "kb_search.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    index = {"config": CONFIG, "docs": [{"location": "a/", "title": "A", "text": ""}, {"location": "a/#s", "title": "S", "text": ""}]}
    result = hook.index_with_fields(index, {"a/": {"terms": ["x"], "names": ["A"]}})
    assert result["docs"][0]["terms"] == ["x"] and result["docs"][0]["names"] == ["A"]
    assert "terms" not in result["docs"][1]


# --- chosen by measurement -------------------------------------------------------------------

def top(engine, queries) -> tuple[float, float]:
    ranks = []
    for q in queries:
        pages = engine.search(q["query"])
        ranks.append(next((i + 1 for i, p in enumerate(pages) if p in q["expect"]), None))
    return sum(r == 1 for r in ranks) / len(ranks), sum(r is not None and r <= 3 for r in ranks) / len(ranks)


def test_typographic_quotes_split_words_in_the_index(site):
    """Titles quote claims (Myth: “Every SageMaker…”): quotes separate words, so the index holds
    `every`, not a second `“every` that no query reaches."""
    index = json.loads((site / "search" / "kb_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    texts = [doc["title"] + " " + doc["text"] for doc in index["docs"]]
    assert [text for text in texts if re.search("[“”‘’]", text)], "nothing quoted: the check below would pass for nothing"
    tokens = {token for text in texts for token in separator.split(text.lower()) if token}
    assert not [token for token in tokens if re.search("[“”‘’]", token)]


def test_shipped_engine_beats_lunr_with_a_query_transformation(site):
    """Both candidates, and Material's stock search, on the same suite in the same run."""
    index = json.loads((site / "search" / "kb_index.json").read_text(encoding="utf-8"))
    figures = {
        "MiniSearch + rules (shipped)": top(KBSearch.from_site(site), QUERIES),
        "lunr + query transformation": top(LunrTransformSearch.from_site(site), QUERIES),
        "Material's stock lunr search": top(MaterialSearch(index), QUERIES),
    }
    for name, (top1, top3) in figures.items():
        REPORT.append(f"{name}, {len(QUERIES)} queries (Python): top-1 {top1:.1%}, top-3 {top3:.1%}")
    shipped, lunr = figures["MiniSearch + rules (shipped)"], figures["lunr + query transformation"]
    assert shipped[0] >= lunr[0] and shipped[1] >= lunr[1]


# --- in Chromium -----------------------------------------------------------------------------

SEARCH_FILES = re.compile(r"/search/kb_index\.|/minisearch/|/assets/search/engine\.js")


def test_no_page_loads_the_index_before_search_opens(browser, served_site):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    for path in ("", "algorithms/xgboost/", "services/streaming/kinesis-data-streams/"):
        tab.goto(served_site + path, wait_until="networkidle")
        tab.wait_for_timeout(300)
    assert [url for url in requests if SEARCH_FILES.search(url)] == []
    assert any(url.endswith("/assets/search/worker.js") for url in requests)
    tab.keyboard.press("/")  # Material's shortcut focuses the search box
    tab.keyboard.type("xgboost")
    tab.wait_for_selector(".md-search-result__item", timeout=60000)
    assert tab.locator(".md-search-result__link").first.get_attribute("href").split("?")[0].endswith("algorithms/xgboost/")
    loaded = [url for url in requests if SEARCH_FILES.search(url)]
    assert any(url.endswith("/search/kb_index.json") for url in loaded) and len(loaded) == 3
    context.close()


def test_first_load_of_home_algorithm_and_service_pages_is_light(browser, served_site):
    """Bytes of a first visit, gzip level 6 per response, as a server would send them."""
    for name, path in (("home", ""), ("algorithm", "algorithms/xgboost/"), ("service", "services/streaming/kinesis-data-streams/")):
        context = browser.new_context()
        bodies: list[bytes] = []
        context.on("requestfinished", lambda request, bodies=bodies: bodies.append(request.response().body()))
        tab = context.new_page()
        tab.goto(served_site + path, wait_until="networkidle")
        tab.wait_for_timeout(300)
        total = sum(len(gzip.compress(body, 6)) for body in bodies)
        context.close()
        REPORT.append(f"first load of the {name} page: {len(bodies)} requests, {total / 1024:.0f} KiB compressed (target <= 250 KB)")
        assert 0 < total <= 250_000, (name, total)


def test_search_box_keyboard_highlight_and_sections(browser, served_site):
    box = SearchBox(browser, served_site)
    tab = box.page
    results, _ = box.query("sagemkaer")
    assert results[0] == "services/sagemaker/sagemaker-ai/"  # a typo of a name finds its page
    results, _ = box.query("lambda vs batch")  # no comparison compares these two: each one's page
    assert set(results[:2]) == {"services/processing/lambda/", "services/processing/aws-batch/"}
    results, _ = box.query("s3 vectors vs opensearch serverless")  # a comparison names both
    assert results[0] == "comparisons/vector-stores-on-aws/"
    box.query("num_round")
    first = tab.locator(".md-search-result__item").first
    assert first.locator("mark").count() > 0  # matches are marked in the result
    href = first.locator(".md-search-result__link").first.get_attribute("href")
    assert "h=num_round" in href  # Material's search.highlight on the target page
    # keyboard: arrow down moves into the results, Enter opens the best one
    tab.keyboard.press("ArrowDown")
    assert tab.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    tab.locator("input.md-search__input").focus()
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert "algorithms/xgboost/" in tab.url and "h=num_round" in tab.url
    tab.wait_for_selector("mark[data-md-highlight]", timeout=10000)
    tab.close()
