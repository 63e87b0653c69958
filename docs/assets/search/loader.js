/* Starts the site's search worker (worker.js) only when a learner opens search.
 *
 * Material's bundle creates the search worker on every page and sends it SETUP at once (over
 * http) or when search opens (file://). This script, loaded just before the bundle, wraps the
 * Worker constructor for worker.js: SETUP is held back until the search box gets focus or the
 * search toggle opens, then sent with the addresses of the engine and of the index
 * (search/kb_index.json over http, search/kb_index.js from file://, where fetch is not
 * allowed). Until then no page loads the index, MiniSearch or the engine.
 */
(function () {
  "use strict"
  var Native = window.Worker
  if (!Native) return
  var SETUP = 0

  function root() {
    var config = JSON.parse(document.getElementById("__config").textContent)
    return new URL(config.base.replace(/\/?$/, "/"), location.href)
  }

  function sources() {
    var base = root()
    var file = location.protocol === "file:"
    return {
      scripts: [new URL("assets/vendor/minisearch/minisearch.js", base).href, new URL("assets/search/engine.js", base).href],
      index: new URL("search/kb_index." + (file ? "js" : "json"), base).href
    }
  }

  function LazyWorker(url, options) {
    var worker = options === undefined ? new Native(url) : new Native(url, options)
    if (String(url).indexOf("assets/search/worker.js") < 0) return worker
    var post = worker.postMessage.bind(worker)
    var open = false, held = null
    worker.postMessage = function (message) {
      if (message && message.type === SETUP) {
        message.data.kb = sources()
        if (!open) { held = message; return }
      }
      post(message)
    }
    function start() {
      if (open) return
      open = true
      if (held) { post(held); held = null }
    }
    document.addEventListener("focusin", function (event) {
      if (event.target && event.target.matches && event.target.matches("input.md-search__input")) start()
    })
    document.addEventListener("change", function (event) {
      if (event.target && event.target.id === "__search" && event.target.checked) start()
    })
    var input = document.querySelector("input.md-search__input")
    if (input && document.activeElement === input) start()
    return worker
  }
  LazyWorker.prototype = Native.prototype
  window.Worker = LazyWorker
})()
