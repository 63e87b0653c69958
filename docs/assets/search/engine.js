/* The site's search engine: MiniSearch (assets/vendor/minisearch) with the rules a learner
 * needs, on the documents of Material's search index (search/kb_index.json).
 *
 * Runs in the search worker (worker.js) and, for the relevance suite, under node
 * (tests/search/kb_search.py): the same code ranks in both, so both agree.
 *
 * Rules (docs/search.md, "How search is tuned"):
 * - words are split with the separator of mkdocs.yml (underscores and MIME types stay whole);
 * - stop words are dropped, in the index and in the query; British and American spellings and
 *   simple plurals are folded to one form on both sides (optimise = optimize, models = model);
 * - the last query word (the one being typed) of 3 or more characters also matches longer
 *   words that start with it (`xgb` finds XGBoost), an earlier one only if it is no indexed
 *   word itself (`data drift` does not find DataBrew); shorter words match only themselves
 *   (`k` never finds KMS);
 * - a word of 5 or more characters that is in no indexed word, not even as a prefix, is a
 *   typo: it matches words one edit away (two from 8 characters), at a low weight;
 * - two words typed apart that a title or name holds as one are joined ("sage maker"), an
 *   unknown word that is indexed words run together is split ("featurestore");
 * - a query that spells out one of a page's names doubles the page's score;
 * - "X vs Y", "X versus Y", "difference between X and Y", "compare X and Y": a comparison
 *   page naming both sides comes first, then pages whose title names both and comparisons
 *   holding every word; with no comparison naming both, the pages named X and Y lead;
 * - `?h=` terms (highlighting on the target page) are whole words as the page spells them,
 *   one- and two-letter words left out when a longer one was typed;
 * - the query's words as typed, next to each other ("speech to text"), weigh three times;
 * - fields: title; an item page's names (name, short name, aliases, former names) and
 *   `search_terms` from the data; text;
 * - a page's own boost (from the data) multiplies every score; a page's first section and
 *   the share of query words found weigh as in Material's ranking; sections are grouped by
 *   page, best page first.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("../vendor/minisearch/minisearch.js"))
  else root.KBSearch = factory(root.MiniSearch)
})(typeof self !== "undefined" ? self : this, function (MiniSearch) {
  "use strict"

  // lunr's English stop words (the list Material's search used), so the same words are ignored.
  const STOP_WORDS = new Set((
    "a able about across after all almost also am among an and any are as at be because been but by can " +
    "cannot could dear did do does either else ever every for from get got had has have he her hers him his " +
    "how however i if in into is it its just least let like likely may me might most must my neither no nor " +
    "not of off often on only or other our own rather said say says she should since so some than that the " +
    "their them then there these they this tis to too twas us wants was we were what when where which while " +
    "who whom why will with would yet you your"
  ).split(" "))
  const COMPARE_WORDS = new Set(["vs", "versus", "difference", "differences", "compare", "comparison", "between"])
  const FIELDS = ["title", "names", "terms", "text"]
  const BOOST = { title: 8, names: 8, terms: 6, text: 1 }
  const COORDINATION = 2   // score * (share of query words matched) ** COORDINATION
  const VERSUS_BONUS = 4   // "X vs Y": title names both sides; a comparison page holds both
  const PHRASE_BONUS = 3, PHRASE_HITS = 100  // the query's words as typed, adjacent
  const NAME_BONUS = 2     // the query spells out one of the page's names ("sagemaker")
  const SIDE_BONUS = 16    // "X vs Y" with no page naming both: the pages named X and Y
  const NAME_NOISE = new Set(["amazon", "aws"])  // "SageMaker" names Amazon SageMaker too

  /* Fold a lower-case word to the form both the index and the query use (memoised: the
   * index has a few thousand distinct words and a few hundred thousand in all). */
  const folded = new Map()
  function fold(word) {
    let form = folded.get(word)
    if (form === undefined) folded.set(word, form = foldWord(word))
    return form
  }
  function foldWord(word) {
    if (!/^[a-z]+$/.test(word) || word.length < 4) return word
    word = word
      .replace(/isation(s?)$/, "ization$1")
      .replace(/is(e|ed|es|er|ers|ing)$/, "iz$1")
      .replace(/ys(e|ed|es|er|ers|ing)$/, "yz$1")
      .replace(/elling$/, "eling").replace(/elled$/, "eled")
      .replace(/([^aeiou])our$/, "$1or").replace(/([^aeiou])ours$/, "$1ors")
      .replace(/(.)tre$/, "$1ter").replace(/(.)tres$/, "$1ters")
    if (word.length < 5) return word
    // approaches = approach; cache and caches share "cach"
    if (/(ch|sh|ss|x)es$/.test(word)) return word.slice(0, -2)
    if (/che$/.test(word)) return word.slice(0, -1)
    if (/ies$/.test(word)) return word.slice(0, -3) + "y"
    if (/[^su]s$/.test(word)) return word.slice(0, -1)
    return word
  }

  /* Text between HTML tags, as Material's extract() reads it. */
  function textOf(markup) {
    return String(markup).replace(/<[^>]*>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&")
  }

  /* The first `length` characters of markup, never inside a tag (the browser closes open
   * elements when Material inserts it). */
  function cut(markup, length) {
    if (markup.length <= length) return markup
    let end = markup.lastIndexOf(" ", length)
    if (end < length / 2) end = length
    const open = markup.lastIndexOf("<", end)
    if (open > markup.lastIndexOf(">", end)) end = open
    return markup.slice(0, end) + " …"
  }

  class Engine {
    /* index: {config, docs} as written to search/kb_index.json */
    constructor(index) {
      this.config = index.config
      this.separator = new RegExp(index.config.separator, "g")
      this.docs = index.docs
      this.page = []       // doc number -> doc number of its page
      const firstOfPage = new Map()
      this.docs.forEach((doc, i) => {
        const path = doc.location.split("#")[0]
        if (!firstOfPage.has(path)) firstOfPage.set(path, i)
        this.page.push(firstOfPage.get(path))
      })
      this.firstOfPage = firstOfPage
      this.titleWords = new Map()  // doc number of a page -> folded words of its title
      this.plainText = new Map()   // doc number -> plain text (for phrases), when first needed
      this.names = new Map()       // doc number of a page -> folded words of its title and names
      this.surfaces = new Map()    // doc number -> folded word -> the word as the page spells it
      const words = text => this.words(text).filter(word => !STOP_WORDS.has(word)).map(fold)
      this.mini = new MiniSearch({
        fields: FIELDS,
        idField: "id",
        tokenize: text => words(text),
        processTerm: term => term,
        extractField: (doc, field) => field === "id" ? doc.id
          : field === "text" ? textOf(doc.text || "")
          : field === "names" || field === "terms" ? (doc[field] || []).join(" ")
          : textOf(doc[field] || ""),
        searchOptions: { boost: BOOST, bm25: { k: 1.2, b: 0.3, d: 0.5 } },
      })
      this.mini.addAll(this.docs.map((doc, id) => ({ id, title: doc.title, text: doc.text, names: doc.names, terms: doc.terms })))
    }

    /* Material's tokenizer: split on the separator, lower-case, drop empty runs. */
    words(text) {
      return String(text).toLowerCase().split(this.separator).filter(Boolean)
    }

    /* Does any indexed word equal the term or start with it? */
    known(term) {
      return this.mini._index.has(term) || this.mini._index.atPrefix(term).size > 0
    }

    /* Spacing typos: two words typed apart that a title or name holds as one ("cloud watch",
     * "sage maker") are joined; a word the index does not know that is two or three indexed
     * words run together ("featurestore", "randomcutforest") is split. */
    respace(words) {
      // joined only into a word of some title or name (field 0 or 1): "data streams" stays apart
      const named = word => { const fields = this.mini._index.get(fold(word)); return !!fields && (fields.has(0) || fields.has(1)) }
      const out = []
      for (let i = 0; i < words.length; i++) {
        const joined = words[i] + (words[i + 1] || "")
        // "ip insights" stays apart: both words are in names already
        if (i + 1 < words.length && joined.length >= 6 && /^[a-z0-9]+$/.test(joined) && named(joined) &&
            !(named(words[i]) && named(words[i + 1]))) {
          out.push(joined); i++
        } else if (words[i].length >= 6 && /^[a-z0-9]+$/.test(words[i]) && !this.known(words[i]) &&
                   this.mini._index.fuzzyGet(words[i], 1).size === 0) {  // a typo of one word is no run
          out.push(...(this.split(words[i], 3) || [words[i]]))
        } else out.push(words[i])
      }
      return out
    }

    /* word as at most `parts` indexed words of 3 or more characters (2 with a digit: "f1"),
     * or null */
    split(word, parts) {
      if (this.mini._index.has(fold(word)) && (word.length >= 3 || /\d/.test(word))) return [word]
      if (parts < 2) return null
      for (let cut = word.length - 2; cut >= 2; cut--) {
        const head = word.slice(0, cut)
        if (STOP_WORDS.has(head) || !this.mini._index.has(fold(head)) || (cut < 3 && !/\d/.test(head))) continue
        const tail = this.split(word.slice(cut), parts - 1)
        if (tail) return [head, ...tail]
      }
      return null
    }

    /* The query as words with their rules, and the two sides of a comparison. */
    parse(query) {
      // sentence punctuation the separator keeps (it splits code, not prose): "what's it?"
      query = query.toLowerCase().replace(/['’]s\b/g, "").replace(/[?¿“”‘’]+/g, " ").trim()
      let sides = null
      const between = query.match(/^(?:what(?: is| are)? the )?(?:differences? between|compare|comparing) (.+?) (?:and|with|to) (.+?)\??$/)
      const versus = query.split(/\s+(?:vs\.?|versus)\s+/)
      if (between) sides = [between[1], between[2]]
      else if (versus.length === 2) sides = versus
      const text = sides ? sides.join(" ") : query
      const raw = this.words(text)
      const kept = raw.filter(word => !STOP_WORDS.has(word) && !(sides && COMPARE_WORDS.has(word)))
      const words = this.respace(kept.length ? kept : raw)
      const typed = new Map()  // folded term -> the word as typed (for `?h=`)
      for (const word of words) if (!typed.has(fold(word))) typed.set(fold(word), word)
      const terms = [...typed.keys()]
      const side = sides && sides.map(part => new Set(this.respace(this.words(part).filter(word => !STOP_WORDS.has(word))).map(fold)))
      const escape = word => word.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
      // from the first to the last word kept: "what is speech to text" -> "speech to text"
      const span = raw.slice(raw.indexOf(kept[0]), raw.lastIndexOf(kept[kept.length - 1]) + 1)
      const phrase = !sides && kept.length > 1 && span.length > 1
        ? new RegExp("(?:^|[^a-z0-9_])" + span.map(escape).join("[^a-z0-9_]+") + "(?![a-z0-9_])") : null
      return {
        phrase,
        terms: terms.map((term, i) => ({
          term,
          typed: typed.get(term),
          // the word being typed (the last) completes; an earlier one only if it is no word
          prefix: term.length >= 3 && (i === terms.length - 1 || !this.mini._index.has(term)),
          fuzzy: term.length >= 5 && !/\d/.test(term) && !this.known(term) ? (term.length >= 8 ? 2 : 1) : 0,
        })),
        side,
        words,
      }
    }

    /* Ranked groups: [{page: doc number, docs: [{doc, score, terms}], score}] */
    rank(query) {
      const parsed = this.parse(query)
      if (!parsed.terms.length) return { parsed, groups: [] }
      const specs = new Map(parsed.terms.map(spec => [spec.term, spec]))
      const hits = this.mini.search(parsed.terms.map(spec => spec.term).join(" "), {
        tokenize: text => text.split(" "),
        processTerm: term => term,
        prefix: term => specs.get(term).prefix,
        fuzzy: term => specs.get(term).fuzzy,
        maxFuzzy: 2,
        weights: { prefix: 0.3, fuzzy: 0.25 },
        boostDocument: id => this.docs[id].boost || 1,
      })
      const count = parsed.terms.length
      const held = parsed.side && this.heldByPage(hits)
      let compared = false  // some comparison page names both sides
      const scored = hits.map(hit => {
        const page = this.page[hit.id]
        const share = hit.queryTerms.length / count
        const boost = (page === hit.id ? 1 : 0) + share
        let score = hit.score * (1 + boost * boost) * share ** COORDINATION
        if (!parsed.side && page === hit.id && this.spellsName(page, hit)) score *= NAME_BONUS
        if (parsed.side) {
          const title = this.pageTitle(page)
          const names = term => [...title].some(word => word.startsWith(term))
          if (parsed.side.every(side => [...side].some(names))) score *= VERSUS_BONUS
          if (this.docs[page].kind === "comparisons") {
            // a comparison that names both sides in its title or a name ("S3 Vectors vs
            // OpenSearch Serverless") beats one that only mentions them somewhere
            const both = this.nameWords(page).some(words => parsed.side.every(side =>
              [...side].every(term => words.some(word => word.startsWith(term)))))
            if (both) { score *= VERSUS_BONUS * VERSUS_BONUS; compared = true }
            else if (parsed.side.every(side => [...side].every(term => held.get(page).has(term)))) score *= VERSUS_BONUS
          } else if (page === hit.id && this.namesSide(page, parsed.side)) return { id: hit.id, score, hit, side: true }
        }
        return { id: hit.id, score, hit }
      })
      // "X vs Y" that no comparison page names: the pages of X and of Y come first
      if (!compared) for (const entry of scored) if (entry.side) entry.score *= SIDE_BONUS
      scored.sort((a, b) => b.score - a.score)
      if (parsed.phrase) {  // words in the order typed, next to each other: a bonus for the best hits
        for (const entry of scored.slice(0, PHRASE_HITS))
          if (parsed.phrase.test(this.plain(entry.id))) entry.score *= PHRASE_BONUS
        scored.sort((a, b) => b.score - a.score)
      }
      const groups = new Map()
      for (const entry of scored) {
        const page = this.page[entry.id]
        if (!groups.has(page)) groups.set(page, { page, score: entry.score, docs: [] })
        groups.get(page).docs.push(entry)
      }
      return { parsed, groups: [...groups.values()] }
    }

    /* Folded words of a page's title and each of its names, "Amazon" and "AWS" left out. */
    nameWords(page) {
      if (!this.names.has(page)) {
        const doc = this.docs[page]
        this.names.set(page, [textOf(doc.title), ...(doc.names || [])].map(name =>
          this.words(name).filter(word => !STOP_WORDS.has(word) && !NAME_NOISE.has(word)).map(fold)).filter(words => words.length))
      }
      return this.names.get(page)
    }

    /* Did the hit match every word of one of the page's names, with no query word left over? */
    spellsName(page, hit) {
      const matched = new Set(Object.keys(hit.match))
      const asked = hit.queryTerms.filter(term => !NAME_NOISE.has(term)).length
      return this.nameWords(page).some(words => words.length >= asked && words.every(word => matched.has(word)))
    }

    /* Is one of the page's names exactly one side of "X vs Y" (the page of X or of Y)? */
    namesSide(page, sides) {
      return this.nameWords(page).some(words => sides.some(side =>
        words.length === side.size && words.every(word => side.has(word))))
    }

    /* page -> the query terms found anywhere on it (any section) */
    heldByPage(hits) {
      const held = new Map()
      for (const hit of hits) {
        const page = this.page[hit.id]
        if (!held.has(page)) held.set(page, new Set())
        hit.queryTerms.forEach(term => held.get(page).add(term))
      }
      return held
    }

    /* Lower-case plain text of a document: its title, names, terms and text. */
    plain(id) {
      let text = this.plainText.get(id)
      if (text === undefined) {
        const doc = this.docs[id]
        text = [doc.title, ...(doc.names || []), ...(doc.terms || []), textOf(doc.text || "")].join(" \n ").toLowerCase()
        this.plainText.set(id, text)
      }
      return text
    }

    pageTitle(page) {
      if (!this.titleWords.has(page)) this.titleWords.set(page, new Set(this.words(textOf(this.docs[page].title)).map(fold)))
      return this.titleWords.get(page)
    }

    /* Page locations, best first (what the relevance suite compares). */
    search(query) {
      return this.rank(query).groups.map(group => this.docs[group.page].location)
    }

    /* Material's worker result: {items: SearchItem[][]}, titles and text highlighted. To keep
     * the answer small (it is copied to the page on every keystroke), it holds the best
     * `limit` pages with at most `sections` sections each, and teasers are cut to `teaser`
     * characters (Material shows a few lines of each); matches are marked in the first
     * `marked` pages (Material renders ten at once, more as the list scrolls). */
    result(query, { limit = 50, sections = 6, teaser = 300, marked = 10 } = {}) {
      const { parsed, groups } = this.rank(query)
      const items = groups.slice(0, limit).map((group, g) => {
        const entries = group.docs.slice(0, sections)
        if (!entries.some(entry => entry.id === group.page)) entries.push({ id: group.page, score: 0, hit: null })
        const items = entries.map(entry => this.item(entry, parsed, teaser, g < marked))
        // the page's own link highlights what its sections matched (no empty `?h=`)
        const page = items.find(item => !item.location.includes("#"))
        if (!Object.values(page.terms).some(Boolean))
          for (const item of items) for (const [word, found] of Object.entries(item.terms)) if (found) page.terms[word] = true
        return items
      })
      return { items }
    }

    /* `terms` of a result: the words Material puts in the link's `?h=` and marks on the target
     * page (at the start of every word, so whole words as the page spells them: "kinesis",
     * never the folded "kinesi" or the half-typed "kines"), and the words it lists as missing.
     * A word of one or two characters ("k" in "k fold") would mark nearly every word of the
     * page: it is left out when the query has a longer one. */
    item({ id, score, hit }, parsed, teaser, marked) {
      const doc = this.docs[id]
      const matched = hit ? Object.keys(hit.match) : []
      const terms = {}
      const long = parsed.terms.some(spec => spec.term.length >= 3)
      for (const spec of parsed.terms) {
        if (long && spec.term.length < 3) continue
        const own = matched.filter(word => word === spec.term || (spec.prefix && word.startsWith(spec.term)))
        const near = own.length ? [] : matched.filter(word => spec.fuzzy && !word.startsWith(spec.term) &&
          !parsed.terms.some(other => word.startsWith(other.term)))
        const found = own.length ? own : near
        if (found.length) found.slice(0, 2).forEach(word => { terms[this.surface(id, word) || spec.typed] = true })
        else if (hit) terms[spec.typed] = false
      }
      const text = cut(doc.text || "", teaser)
      return marked && matched.length
        ? { location: doc.location, title: this.mark(doc.title, matched), text: this.mark(text, matched), score, terms }
        : { location: doc.location, title: doc.title, text, score, terms }
    }

    /* The first word of a document, as written (lower-case), whose folded form is `folded`. */
    surface(id, folded) {
      let forms = this.surfaces.get(id)
      if (!forms) {
        forms = new Map()
        for (const word of this.plain(id).match(/[a-z0-9_]+/g) || []) {
          const form = fold(word)
          if (!forms.has(form)) forms.set(form, word)
        }
        this.surfaces.set(id, forms)
      }
      return forms.get(folded)
    }

    /* Wrap the words whose folded form is a matched index word in <mark> (index words are
     * folded words, so a prefix or a typo highlights the whole word it matched). */
    mark(markup, matched) {
      const terms = new Set(matched)
      return String(markup).split(/(<[^>]*>)/).map(part => part.startsWith("<") ? part
        : part.replace(/[A-Za-z0-9_]+/g, word => terms.has(fold(word.toLowerCase())) ? `<mark>${word}</mark>` : word)).join("")
    }
  }

  return { Engine, fold, STOP_WORDS }
})
