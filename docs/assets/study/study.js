/* Study tools: flashcards with a Leitner schedule, recall drills and the algorithm chooser.
 * (Scenario practice and the mock exams are in practice.js.)
 *
 * Everything runs in the browser, from http:// or file://. The cards and questions are JSON
 * written into the page at build time (macros/study.py); progress and quiz history are kept in
 * localStorage under the keys below and never leave the browser.
 */
(function () {
  "use strict";

  // readJSON, load/save (localStorage) and shuffle are shared: common.js, loaded first.
  var common = window.kbStudy, readJSON = common.readJSON, load = common.load, save = common.save, shuffle = common.shuffle;

  var CARD_STORE = "kb-flashcards-v1";
  var QUIZ_STORE = "kb-quiz-history-v1";
  // Leitner boxes 1-5: after "knew it" a card moves up one box and comes back after this many
  // days; after "didn't know" it goes back to box 1 and comes back in this session.
  var INTERVAL_DAYS = [0, 0, 1, 3, 7, 21];
  var QUIZ_LENGTH = 10;

  // --- small helpers ------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "html") node.innerHTML = attrs[key]; // only build-time MathML is passed here
      else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), attrs[key]);
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function today() {
    var now = new Date();
    return new Date(now.getFullYear(), now.getMonth(), now.getDate());
  }

  function isoDate(date) {
    var month = String(date.getMonth() + 1).padStart(2, "0");
    var day = String(date.getDate()).padStart(2, "0");
    return date.getFullYear() + "-" + month + "-" + day;
  }

  function addDays(date, days) {
    return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
  }

  function select(label, name, options) {
    var control = el("select", { "data-filter": name }, options.map(function (option) {
      return el("option", { value: option[0], text: option[1] });
    }));
    return { label: el("label", {}, [document.createTextNode(label + " "), control]), control: control };
  }

  // Filters shared by flashcards and quizzes: topic, exam and domain of the exam.
  function filterBar(data, onChange) {
    var topic = select("Topic", "topic", [["", "All topics"]].concat(data.topics.map(function (t) { return [t.id, t.label]; })));
    var exam = select("Exam", "exam", [["", "Any exam"]].concat(data.exams.map(function (e) {
      return [e.id, e.code + (e.retired ? " (retired " + e.retiredOn + ")" : "")];
    })));
    var domain = select("Domain", "domain", [["", "All domains"]]);
    domain.control.disabled = true;
    exam.control.addEventListener("change", function () {
      var chosen = data.exams.filter(function (e) { return e.id === exam.control.value; })[0];
      domain.control.innerHTML = "";
      domain.control.appendChild(el("option", { value: "", text: "All domains" }));
      (chosen ? chosen.domains : []).forEach(function (d) {
        domain.control.appendChild(el("option", { value: String(d.number), text: d.number + ". " + d.name }));
      });
      domain.control.disabled = !chosen;
      onChange();
    });
    topic.control.addEventListener("change", onChange);
    domain.control.addEventListener("change", onChange);
    function matches(record) {
      if (topic.control.value && record.topic !== topic.control.value) return false;
      var examId = exam.control.value;
      if (!examId) return true;
      var tasks = record.tasks[examId] || [];
      if (!tasks.length) return false;
      var domainNumber = domain.control.value;
      return !domainNumber || tasks.some(function (task) { return task.split(".")[0] === domainNumber; });
    }
    return { node: el("div", { class: "kb-study__filters" }, [topic.label, exam.label, domain.label]), matches: matches };
  }

  function typing(event) {
    var tag = (event.target && event.target.tagName) || "";
    return tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || event.ctrlKey || event.metaKey || event.altKey;
  }

  function sourceLink(record) {
    return el("p", { class: "kb-study__source" }, [
      document.createTextNode("Learn more: "), el("a", { href: record.url, text: "the page this comes from" })]);
  }

  // --- flashcards ---------------------------------------------------------------------------

  function flashcards(root) {
    var data = readJSON("kb-flashcards-data");
    var progress = load(CARD_STORE, {});
    var session = {}; // card id -> order in which it was last answered this session
    var answered = 0;
    var current = null;
    var bar = filterBar(data, show);
    var stats = el("p", { class: "kb-study__stats", "aria-live": "polite" });
    var boxes = el("p", { class: "kb-study__boxes" });
    var front = el("p", { class: "kb-card__front" });
    var back = el("div", { class: "kb-card__back", hidden: "" });
    var flip = el("button", { type: "button", class: "md-button md-button--primary", "data-action": "flip", text: "Show answer (Space)", onclick: reveal });
    var knew = el("button", { type: "button", class: "md-button md-button--primary", "data-action": "knew", text: "Knew it (K)", hidden: "", onclick: function () { mark(true); } });
    var missed = el("button", { type: "button", class: "md-button", "data-action": "missed", text: "Didn't know (D)", hidden: "", onclick: function () { mark(false); } });
    var card = el("div", { class: "kb-card", tabindex: "-1" }, [
      el("p", { class: "kb-card__topic" }), front, back, el("div", { class: "kb-card__actions" }, [flip, knew, missed])]);
    var done = el("p", { class: "kb-card__done", hidden: "", text: "Nothing is due in this selection. Come back later, or pick other filters." });
    var reset = el("button", { type: "button", class: "md-button", "data-action": "reset", text: "Reset progress", onclick: function () {
      if (!window.confirm || window.confirm("Forget every card's box and start again?")) {
        progress = {}; session = {}; save(CARD_STORE, progress); show();
      }
    } });
    root.appendChild(bar.node);
    root.appendChild(stats);
    root.appendChild(boxes);
    root.appendChild(card);
    root.appendChild(done);
    root.appendChild(el("p", {}, [reset]));
    root.appendChild(el("p", { class: "kb-study__privacy", text: "Your progress is stored only in this browser (localStorage). Nothing is sent anywhere." }));

    function stateOf(id) { return progress[id] || { box: 0, due: "" }; }

    function isDue(id) {
      var state = stateOf(id);
      return !state.due || state.due <= isoDate(today());
    }

    function queue() {
      return data.cards.filter(function (c) { return bar.matches(c) && isDue(c.id); })
        .sort(function (a, b) {
          var sa = session[a.id] || 0, sb = session[b.id] || 0;
          return sa - sb || stateOf(a.id).box - stateOf(b.id).box;
        });
    }

    function show() {
      var selected = data.cards.filter(bar.matches);
      var due = queue();
      var counts = [0, 0, 0, 0, 0, 0];
      selected.forEach(function (c) { counts[stateOf(c.id).box] += 1; });
      stats.textContent = selected.length + " cards in this selection (" + data.cards.length + " in all), " + due.length + " due now.";
      root.setAttribute("data-selected", String(selected.length));
      root.setAttribute("data-due", String(due.length));
      boxes.textContent = "New: " + counts[0] + " · Box 1: " + counts[1] + " · Box 2: " + counts[2] + " · Box 3: " + counts[3] + " · Box 4: " + counts[4] + " · Box 5: " + counts[5];
      current = due[0] || null;
      card.hidden = !current;
      done.hidden = !!current;
      if (!current) return;
      card.setAttribute("data-card", current.id);
      card.querySelector(".kb-card__topic").textContent = data.topics.filter(function (t) { return t.id === current.topic; })[0].label
        + " · box " + stateOf(current.id).box;
      front.textContent = current.front;
      back.innerHTML = "";
      back.appendChild(current.backHtml ? el("p", { html: current.backHtml }) : el("p", { text: current.back })); // backHtml: build-time MathML
      if (current.formula) back.appendChild(el("div", { class: "kb-formula", html: current.formula }));
      back.appendChild(sourceLink(current));
      back.hidden = true;
      flip.hidden = false;
      knew.hidden = true;
      missed.hidden = true;
    }

    function reveal() {
      if (!current) return;
      back.hidden = false;
      flip.hidden = true;
      knew.hidden = false;
      missed.hidden = false;
      knew.focus();
    }

    function mark(knewIt) {
      if (!current || back.hidden) return;
      var box = knewIt ? Math.min(stateOf(current.id).box + 1, 5) : 1;
      progress[current.id] = { box: box, due: isoDate(addDays(today(), INTERVAL_DAYS[box])) };
      answered += 1;
      session[current.id] = answered;
      save(CARD_STORE, progress);
      show();
    }

    document.addEventListener("keydown", function (event) {
      if (typing(event) || !current) return;
      var key = event.key.toLowerCase();
      if ((key === " " || key === "enter") && back.hidden && event.target.tagName !== "BUTTON" && event.target.tagName !== "A") {
        event.preventDefault(); reveal();
      } else if ((key === "k" || key === "arrowright") && !back.hidden) {
        event.preventDefault(); mark(true);
      } else if ((key === "d" || key === "arrowleft") && !back.hidden) {
        event.preventDefault(); mark(false);
      }
    });
    show();
  }

  // --- practice quizzes ---------------------------------------------------------------------

  // Questions of every topic in the selection take turns, so a drill across topics is not
  // mostly abbreviations (the glossary has the most questions).
  function mixTopics(list) {
    var byTopic = {};
    shuffle(list).forEach(function (q) { (byTopic[q.topic] = byTopic[q.topic] || []).push(q); });
    var queues = shuffle(Object.keys(byTopic)).map(function (t) { return byTopic[t]; });
    var mixed = [];
    while (queues.some(function (q) { return q.length; })) {
      queues.forEach(function (q) { if (q.length) mixed.push(q.shift()); });
    }
    return mixed;
  }

  function practice(root) {
    var data = readJSON("kb-drills-data");
    var history = load(QUIZ_STORE, []);
    var quiz = null;
    var bar = filterBar(data, count);
    var available = el("p", { class: "kb-study__stats", "aria-live": "polite" });
    var start = el("button", { type: "button", class: "md-button md-button--primary", "data-action": "start", text: "Start a drill", onclick: begin });
    var stage = el("div", { class: "kb-quiz", hidden: "" });
    var historyList = el("ol", { class: "kb-quiz__history" });
    var clear = el("button", { type: "button", class: "md-button", "data-action": "clear-history", text: "Clear history", onclick: function () {
      history = []; save(QUIZ_STORE, history); drawHistory();
    } });
    root.appendChild(bar.node);
    root.appendChild(available);
    root.appendChild(el("p", {}, [start]));
    root.appendChild(stage);
    root.appendChild(el("h2", { id: "score-history", text: "Your scores" }));
    root.appendChild(historyList);
    root.appendChild(el("p", {}, [clear]));
    root.appendChild(el("p", { class: "kb-study__privacy", text: "Scores are stored only in this browser (localStorage). Nothing is sent anywhere." }));

    function selection() { return data.questions.filter(bar.matches); }

    function describe() {
      var parts = [];
      var exam = root.querySelector('[data-filter="exam"]');
      var domain = root.querySelector('[data-filter="domain"]');
      var topic = root.querySelector('[data-filter="topic"]');
      parts.push(exam.value ? exam.options[exam.selectedIndex].text : "Any exam");
      if (domain.value) parts.push("domain " + domain.value);
      if (topic.value) parts.push(topic.options[topic.selectedIndex].text);
      return parts.join(", ");
    }

    function count() {
      var n = selection().length;
      available.textContent = n + " drill questions match (" + data.questions.length + " in all). A drill asks up to " + QUIZ_LENGTH + ".";
      root.setAttribute("data-selected", String(n));
      start.disabled = n === 0;
    }

    function begin() {
      quiz = { questions: mixTopics(selection()).slice(0, QUIZ_LENGTH), index: 0, right: 0, label: describe() };
      stage.hidden = false;
      ask();
    }

    function ask() {
      var q = quiz.questions[quiz.index];
      stage.innerHTML = "";
      stage.setAttribute("data-question", q.id);
      stage.appendChild(el("p", { class: "kb-quiz__progress", text: "Question " + (quiz.index + 1) + " of " + quiz.questions.length }));
      stage.appendChild(el("p", { class: "kb-quiz__prompt", text: q.prompt }));
      if (q.formula) stage.appendChild(el("div", { class: "kb-formula", html: q.formula }));
      var feedback = el("div", { class: "kb-quiz__feedback", "aria-live": "polite" });
      var options = el("div", { class: "kb-quiz__options", role: "group", "aria-label": "Answers" });
      q.options.forEach(function (text, index) {
        options.appendChild(el("button", { type: "button", class: "md-button kb-quiz__option", "data-option": String(index), text: text, onclick: function () { answer(index, options, feedback); } }));
      });
      stage.appendChild(options);
      stage.appendChild(feedback);
      options.querySelector("button").focus();
    }

    function answer(index, options, feedback) {
      var q = quiz.questions[quiz.index];
      var right = index === q.answer;
      if (right) quiz.right += 1;
      Array.prototype.forEach.call(options.querySelectorAll("button"), function (button, i) {
        button.disabled = true;
        if (i === q.answer) button.classList.add("kb-quiz__option--right");
        if (i === index && !right) button.classList.add("kb-quiz__option--wrong");
      });
      feedback.setAttribute("data-result", right ? "correct" : "incorrect");
      feedback.appendChild(el("p", { class: "kb-quiz__verdict", text: right ? "Correct." : "Not quite. The answer is: " + q.options[q.answer] }));
      feedback.appendChild(el("p", { text: q.explanation }));
      feedback.appendChild(sourceLink(q));
      var last = quiz.index === quiz.questions.length - 1;
      feedback.appendChild(el("button", { type: "button", class: "md-button md-button--primary", "data-action": "next", text: last ? "See your score" : "Next question", onclick: last ? finish : function () { quiz.index += 1; ask(); } }));
    }

    function finish() {
      history.unshift({ date: new Date().toISOString().slice(0, 16).replace("T", " "), label: quiz.label, right: quiz.right, total: quiz.questions.length });
      history = history.slice(0, 50);
      save(QUIZ_STORE, history);
      stage.innerHTML = "";
      stage.appendChild(el("p", { class: "kb-quiz__score", text: "You scored " + quiz.right + " out of " + quiz.questions.length + "." }));
      drawHistory();
    }

    function drawHistory() {
      historyList.innerHTML = "";
      history.forEach(function (entry) {
        historyList.appendChild(el("li", { text: entry.date + " — " + entry.label + ": " + entry.right + "/" + entry.total }));
      });
      if (!history.length) historyList.appendChild(el("li", { text: "No quiz taken in this browser yet." }));
    }

    count();
    drawHistory();
  }

  // --- algorithm chooser --------------------------------------------------------------------

  function chooser(root) {
    var form = root.querySelector("form");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var rows = Array.prototype.slice.call(root.querySelectorAll("tbody tr"));
    var counter = root.querySelector(".kb-chooser__count");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var keep = selects.every(function (s) {
          return !s.value || row.getAttribute("data-" + s.getAttribute("data-filter")).split(" ").indexOf(s.value) !== -1;
        });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      counter.textContent = shown + " of " + rows.length + " algorithms match";
      root.setAttribute("data-shown", String(shown));
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  function start() {
    var cards = document.getElementById("kb-flashcards");
    var practiceRoot = document.getElementById("kb-drills");
    var chooserRoot = document.getElementById("kb-chooser");
    if (cards) flashcards(cards);
    if (practiceRoot) practice(practiceRoot);
    if (chooserRoot) chooser(chooserRoot);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
