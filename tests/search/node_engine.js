// The site's search engine under node, for the Python tests: node node_engine.js INDEX [ENGINE]
// loads the index and the engine (default docs/assets/search/engine.js; a built site's copy,
// site/assets/search/engine.js, for the relevance suite), then reads one JSON request a line
// on stdin ({"query": ..., "result": false}) and answers one JSON line each.
const fs = require("fs")
const path = require("path")
const readline = require("readline")
const { Engine } = require(path.resolve(process.argv[3] || path.join(__dirname, "../../docs/assets/search/engine.js")))

const engine = new Engine(JSON.parse(fs.readFileSync(process.argv[2], "utf8")))
const lines = readline.createInterface({ input: process.stdin })
lines.on("line", line => {
  const { query, result } = JSON.parse(line)
  const answer = result ? engine.result(query) : { pages: engine.search(query) }
  process.stdout.write(JSON.stringify(answer) + "\n")
})
process.stdout.write(JSON.stringify({ ready: true }) + "\n")
