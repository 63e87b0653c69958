/* Shared by the study tools (study.js: flashcards, drills, chooser; practice.js: practice quiz,
 * mock exams): reading the page's JSON, the browser's localStorage, and a fair shuffle.
 * Loaded before either script on the pages that use them; runs from http:// and file://.
 */
(function () {
  "use strict";

  function readJSON(id) { return JSON.parse(document.getElementById(id).textContent); }

  function load(key, fallback) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key));
      return value === null ? fallback : value;
    } catch (error) { return fallback; }
  }

  function save(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (error) { /* storage full or disabled */ }
  }

  function shuffle(list) { // Fisher-Yates on a copy
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i -= 1) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = copy[i]; copy[i] = copy[j]; copy[j] = swap;
    }
    return copy;
  }

  window.kbStudy = { readJSON: readJSON, load: load, save: save, shuffle: shuffle };
})();
