// The site's search engine (docs/assets/search/engine.js) under node, for the Python tests:
// reads the index named on the command line, then one JSON request a line on stdin
// ({"query": ..., "result": false}), and answers one JSON line each.
const fs = require("fs")
const readline = require("readline")
const { Engine } = require("../../docs/assets/search/engine.js")

const engine = new Engine(JSON.parse(fs.readFileSync(process.argv[2], "utf8")))
const lines = readline.createInterface({ input: process.stdin })
lines.on("line", line => {
  const { query, result } = JSON.parse(line)
  const answer = result ? engine.result(query) : { pages: engine.search(query) }
  process.stdout.write(JSON.stringify(answer) + "\n")
})
process.stdout.write(JSON.stringify({ ready: true }) + "\n")
