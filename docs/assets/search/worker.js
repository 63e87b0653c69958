/* The site's search worker, speaking Material's worker protocol (SETUP -> READY, QUERY ->
 * RESULT; Material's src/templates/assets/javascripts/integrations/search/worker).
 *
 * SETUP carries Material's (empty) index and, from loader.js, the addresses of MiniSearch, the
 * engine and the documents; the worker loads them, builds the index and answers READY. Each
 * QUERY is answered with the engine's result in Material's shape, so Material's search box
 * renders it: pages with their sections, highlighted matches, `?h=` terms for highlighting on
 * the target page, keyboard navigation unchanged. Also runs inside Material's iframe-worker
 * shim from file://, where importScripts returns a promise.
 */
var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
var engine = null

async function load(kb) {
  await importScripts.apply(self, kb.scripts)
  var data
  if (/\.js$/.test(kb.index)) {
    await importScripts(kb.index)
    data = self.__kbIndex
  } else {
    data = await (await fetch(kb.index)).json()
  }
  engine = new self.KBSearch.Engine(data)
}

addEventListener("message", async function (event) {
  var message = event.data
  if (message.type === SETUP) {
    try {
      await load(message.data.kb)
    } catch (error) {
      console.warn("Search index failed to load", error)
    }
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    var data = { items: [] }
    try {
      if (engine) data = engine.result(message.data)
    } catch (error) {
      console.warn("Search failed for " + JSON.stringify(message.data), error)
    }
    postMessage({ type: RESULT, data: data })
  }
})
