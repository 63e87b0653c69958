/* Scenario practice: the practice quiz (#kb-practice) and the timed mock exams (#kb-mock).
 *
 * The questions are JSON written into the page at build time (macros/practice.py). Every
 * question type is a real form: radio buttons (multiple choice), checkboxes (multiple
 * response), move-up/move-down buttons (ordering) and one select per prompt (matching), each
 * in a fieldset whose legend is the question, so keyboards and screen readers work without
 * extra code. Feedback is announced through aria-live regions. Runs from http:// and file://;
 * history is kept in localStorage under the keys below and never leaves the browser.
 */
(function () {
  "use strict";

  // readJSON, load/save (localStorage) and shuffle are shared: common.js, loaded first.
  var common = window.kbStudy, readJSON = common.readJSON, load = common.load, save = common.save, shuffle = common.shuffle;

  var QUIZ_STORE = "kb-scenario-history-v1";
  var MOCK_STORE = "kb-mock-history-v1";
  var LETTERS = "ABCDEFGHIJ";
  var counter = 0;

  // --- helpers ------------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function button(text, action, onclick, primary) {
    return el("button", { type: "button", class: "md-button" + (primary ? " md-button--primary" : ""), "data-action": action, text: text, onclick: onclick });
  }

  function range(n) { var out = []; for (var i = 0; i < n; i += 1) out.push(i); return out; }

  function sameSet(a, b) {
    if (a.length !== b.length) return false;
    var sa = a.slice().sort(), sb = b.slice().sort();
    return sa.every(function (v, i) { return v === sb[i]; });
  }

  function stamp() { return new Date().toISOString().slice(0, 16).replace("T", " "); }

  function domainOf(q, examId) {
    var tasks = q.tasks[examId] || [];
    return tasks.length ? Number(tasks[0].split(".")[0]) : null;
  }

  var NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five"];

  // One set of labels for every question type. Before the answers are marked (the mock exam's
  // review screen): ANSWERED, PARTLY (some but not all of a multiple-response or matching
  // answer) or NOT_ANSWERED. Once marked (the quiz's score screen, the mock exam's result):
  // CORRECT, WRONG or NOT_ANSWERED. A partly answered question is marked wrong.
  var ANSWERED = "Answered", PARTLY = "Partly answered", NOT_ANSWERED = "Not answered", CORRECT = "Correct", WRONG = "Wrong";

  // A table as Material styles the tables of the pages: no class on the <table> itself (Material
  // styles table:not([class])), inside the scroll wrapper Material puts around Markdown tables,
  // so a narrow screen scrolls the table, not the page. The class goes on the wrapper.
  function table(className, headers, rows) {
    return el("div", { class: "md-typeset__scrollwrap kb-table " + className }, [el("div", { class: "md-typeset__table" }, [
      el("table", {}, [
        el("thead", {}, [el("tr", {}, headers.map(function (h) { return el("th", { scope: "col", text: h }); }))]),
        el("tbody", {}, rows)])])]);
  }

  // --- one question as a form ---------------------------------------------------------------
  // question(q, data) -> { node, response(), set(response), answered(), correct(), reveal(), lock() }
  // A response is: multiple choice/response: sorted option indices; ordering: step indices in
  // the order shown; matching: the pair index chosen for each prompt (-1 when none).

  function caseBlock(q, data) {
    if (!q.case || !data.cases[q.case]) return null;
    var kase = data.cases[q.case];
    counter += 1;
    var headingId = "kb-case-" + counter;
    // A group, not a <section>: the same case shows with several questions (and again in the
    // mock exam's answers), and landmarks must have names of their own.
    return el("div", { class: "kb-q__case", role: "group", "aria-labelledby": headingId }, [
      el("h3", { id: headingId, class: "kb-q__case-title", text: "Case study: " + kase.title })
    ].concat(kase.paragraphs.map(function (p) { return el("p", { text: p }); })));
  }

  function question(q, data) {
    counter += 1;
    var uid = "kb-q" + counter;
    var fieldset = el("fieldset", { class: "kb-q__fieldset" });
    var legend = el("legend", { class: "kb-q__prompt", text: q.prompt });
    fieldset.appendChild(legend);
    var node = el("div", { class: "kb-q", "data-question": q.id, "data-type": q.type }, [caseBlock(q, data), fieldset]);
    var live = el("p", { class: "kb-q__status", "aria-live": "polite" });
    var api = { node: node, question: q };

    if (q.type === "multiple-choice" || q.type === "multiple-response") {
      var multi = q.type === "multiple-response";
      if (multi) fieldset.appendChild(el("p", { class: "kb-q__hint", id: uid + "-hint", text: "Choose " + NUMBER_WORDS[q.select] + "." }));
      var order = shuffle(range(q.options.length));
      var inputs = [];
      var list = el("div", { class: "kb-q__options" });
      order.forEach(function (index, position) {
        var id = uid + "-o" + index;
        var input = el("input", { type: multi ? "checkbox" : "radio", name: uid, id: id, value: String(index), "data-option": String(index) });
        inputs[index] = input;
        list.appendChild(el("div", { class: "kb-q__option", "data-option": String(index) }, [
          input, el("label", { for: id }, [el("span", { class: "kb-q__letter", text: LETTERS[position] + ". " }), q.options[index].text])]));
      });
      if (multi) {
        list.addEventListener("change", function () {
          var chosen = api.response().length;
          live.textContent = chosen + " of " + q.select + " chosen.";
        });
      }
      fieldset.appendChild(list);
      api.response = function () { return range(q.options.length).filter(function (i) { return inputs[i].checked; }); };
      api.set = function (r) { inputs.forEach(function (input, i) { input.checked = r.indexOf(i) !== -1; }); };
      api.answered = function () { return multi ? api.response().length === q.select : api.response().length === 1; };
      api.given = function () { return api.response().length > 0; };
      var optionText = function (index) { return LETTERS[order.indexOf(index)] + ". " + q.options[index].text; };
      api.describe = function () { return api.response().sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); }).map(optionText).join("; "); };
      api.key = function () {
        return range(q.options.length).filter(function (i) { return q.options[i].correct; })
          .sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); }).map(optionText).join("; ");
      };
      api.correct = function () {
        var right = range(q.options.length).filter(function (i) { return q.options[i].correct; });
        return sameSet(api.response(), right);
      };
      api.lock = function () { inputs.forEach(function (input) { input.disabled = true; }); };
      api.reveal = function () {
        var chosen = api.response();
        order.forEach(function (index) {
          var option = list.querySelector('.kb-q__option[data-option="' + index + '"]');
          var o = q.options[index];
          var picked = chosen.indexOf(index) !== -1;
          option.classList.add(o.correct ? "kb-q__option--right" : (picked ? "kb-q__option--wrong" : "kb-q__option--other"));
          var verdict = o.correct ? (picked ? "Right answer, you chose it." : "Right answer, you did not choose it.") : (picked ? "Wrong answer, you chose it." : "Wrong answer.");
          option.appendChild(el("p", { class: "kb-q__why" }, [el("strong", { text: verdict + " " }), o.why || ""]));
        });
      };
    } else if (q.type === "ordering") {
      fieldset.appendChild(el("p", { class: "kb-q__hint", text: "Put the steps in order: use the Move up and Move down buttons next to each step." }));
      var shown = shuffle(range(q.steps.length));
      if (q.steps.length > 1 && shown.every(function (v, i) { return v === i; })) shown.reverse(); // never start solved
      var ol = el("ol", { class: "kb-order" });
      fieldset.appendChild(ol);
      var draw = function (focusStep, focusDirection) {
        ol.innerHTML = "";
        shown.forEach(function (step, position) {
          var text = q.steps[step];
          var up = el("button", { type: "button", class: "md-button kb-order__move", "data-move": "up", "aria-label": "Move up: " + text, disabled: position === 0, text: "↑ Up" });
          var down = el("button", { type: "button", class: "md-button kb-order__move", "data-move": "down", "aria-label": "Move down: " + text, disabled: position === shown.length - 1, text: "↓ Down" });
          up.addEventListener("click", function () { move(position, -1); });
          down.addEventListener("click", function () { move(position, 1); });
          ol.appendChild(el("li", { class: "kb-order__step", "data-step": String(step) }, [el("span", { class: "kb-order__text", text: text }), el("span", { class: "kb-order__buttons" }, [up, down])]));
          if (focusStep === step) {
            var target = focusDirection < 0 ? (position === 0 ? down : up) : (position === shown.length - 1 ? up : down);
            window.setTimeout(function () { target.focus(); }, 0);
          }
        });
      };
      var move = function (position, direction) {
        var other = position + direction;
        if (other < 0 || other >= shown.length || api.locked) return;
        var step = shown[position];
        shown[position] = shown[other];
        shown[other] = step;
        draw(step, direction);
        live.textContent = "Moved “" + q.steps[step] + "” to position " + (other + 1) + " of " + shown.length + ".";
      };
      draw();
      api.response = function () { return shown.slice(); };
      api.set = function (r) { if (r && r.length === shown.length) { shown = r.slice(); draw(); } };
      api.answered = function () { return true; }; // an order is always there: the mock exam counts a question seen as answered
      api.given = function () { return true; };
      var numbered = function (steps) { return steps.map(function (step, i) { return (i + 1) + ". " + q.steps[step]; }).join("; "); };
      api.describe = function () { return numbered(shown); };
      api.key = function () { return numbered(range(q.steps.length)); };
      api.correct = function () { return shown.every(function (v, i) { return v === i; }); };
      api.lock = function () {
        api.locked = true;
        Array.prototype.forEach.call(ol.querySelectorAll("button"), function (b) { b.disabled = true; });
      };
      api.reveal = function () {
        Array.prototype.forEach.call(ol.querySelectorAll("li"), function (li, position) {
          var step = Number(li.getAttribute("data-step"));
          li.classList.add(step === position ? "kb-q__option--right" : "kb-q__option--wrong");
          li.appendChild(el("span", { class: "kb-q__why", text: step === position ? " (right place)" : " (belongs at position " + (step + 1) + ")" }));
        });
        fieldset.appendChild(el("p", { class: "kb-q__key", text: "Right order:" }));
        fieldset.appendChild(el("ol", { class: "kb-q__key-list" }, q.steps.map(function (s) { return el("li", { text: s }); })));
      };
    } else { // matching
      fieldset.appendChild(el("p", { class: "kb-q__hint", text: "Choose the matching answer for each item. Each answer is used once." }));
      var answers = shuffle(range(q.pairs.length));
      var selects = [];
      var rows = el("div", { class: "kb-match" });
      q.pairs.forEach(function (pair, index) {
        var id = uid + "-m" + index;
        var control = el("select", { id: id, "data-prompt": String(index) }, [el("option", { value: "", text: "Choose…" })].concat(
          answers.map(function (a) { return el("option", { value: String(a), text: q.pairs[a].answer }); })));
        selects.push(control);
        rows.appendChild(el("div", { class: "kb-match__row", "data-prompt": String(index) }, [el("label", { for: id, class: "kb-match__prompt", text: pair.prompt }), control]));
      });
      fieldset.appendChild(rows);
      api.response = function () { return selects.map(function (s) { return s.value === "" ? -1 : Number(s.value); }); };
      api.set = function (r) { selects.forEach(function (s, i) { s.value = r[i] === -1 || r[i] === undefined ? "" : String(r[i]); }); };
      api.answered = function () { return api.response().every(function (v) { return v !== -1; }); };
      api.given = function () { return api.response().some(function (v) { return v !== -1; }); };
      var paired = function (chosen) {
        return q.pairs.map(function (pair, i) { return pair.prompt + " → " + (chosen[i] === -1 ? "(none)" : q.pairs[chosen[i]].answer); }).join("; ");
      };
      api.describe = function () { return paired(api.response()); };
      api.key = function () { return paired(range(q.pairs.length)); };
      api.correct = function () { return api.response().every(function (v, i) { return v === i; }); };
      api.lock = function () { selects.forEach(function (s) { s.disabled = true; }); };
      api.reveal = function () {
        var r = api.response();
        q.pairs.forEach(function (pair, index) {
          var row = rows.querySelector('.kb-match__row[data-prompt="' + index + '"]');
          var right = r[index] === index;
          row.classList.add(right ? "kb-q__option--right" : "kb-q__option--wrong");
          row.appendChild(el("p", { class: "kb-q__why", text: (right ? "Right: " : "Wrong: the answer is ") + pair.answer + "." }));
        });
      };
    }
    node.appendChild(live);
    return api;
  }

  function explanation(q) {
    var links = el("p", { class: "kb-study__source" }, ["Learn more: "]);
    q.links.forEach(function (link, i) {
      if (i) links.appendChild(document.createTextNode(", "));
      links.appendChild(el("a", { href: link.url, text: link.name }));
    });
    return el("div", { class: "kb-q__explanation" }, [el("p", { text: q.explanation }), links]);
  }

  // The learner's answer and the right one, in words, for the quiz's and the mock exam's review.
  function answers(item, outcome) {
    return el("dl", { class: "kb-q__answers" }, [
      el("dt", { text: "Your answer" }), el("dd", { "data-answer": "yours", text: outcome === NOT_ANSWERED ? "None: not answered." : item.describe() }),
      el("dt", { text: "Right answer" }), el("dd", { "data-answer": "right", text: item.key() })]);
  }

  function typeLabel(data, type) {
    return (data.types.filter(function (t) { return t.id === type; })[0] || { label: type }).label;
  }

  // --- practice quiz ------------------------------------------------------------------------

  function select(label, name, options) {
    var control = el("select", { "data-filter": name }, options.map(function (o) { return el("option", { value: o[0], text: o[1] }); }));
    return { label: el("label", {}, [label + " ", control]), control: control };
  }

  function practice(root) {
    var data = readJSON("kb-practice-data");
    var history = load(QUIZ_STORE, []);
    var exam = select("Exam", "exam", [["", "Any exam"]].concat(data.exams.filter(function (e) { return !e.retired; }).map(function (e) { return [e.id, e.code]; })));
    var domain = select("Domain", "domain", [["", "All domains"]]);
    domain.control.disabled = true;
    var topic = select("Topic", "topic", [["", "All topics"]].concat(data.topics.map(function (t) { return [t.id, t.label]; })));
    var type = select("Question type", "type", [["", "All types"]].concat(data.types.map(function (t) { return [t.id, t.label]; }).concat([["case", "Case studies"]])));
    var length = select("Questions", "length", [["10", "10"], ["20", "20"], ["all", "All that match"]]);
    var available = el("p", { class: "kb-study__stats", "aria-live": "polite" });
    var start = button("Start a quiz", "start", begin, true);
    var stage = el("div", { class: "kb-quiz", hidden: true });
    var historyList = el("ol", { class: "kb-quiz__history" });
    root.appendChild(el("div", { class: "kb-study__filters" }, [exam.label, domain.label, topic.label, type.label, length.label]));
    root.appendChild(available);
    root.appendChild(el("p", {}, [start]));
    root.appendChild(stage);
    root.appendChild(el("h2", { id: "your-scores", text: "Your scores" }));
    root.appendChild(historyList);
    root.appendChild(el("p", {}, [button("Clear history", "clear-history", function () { history = []; save(QUIZ_STORE, history); drawHistory(); })]));
    root.appendChild(el("p", { class: "kb-study__privacy", text: "Scores are stored only in this browser (localStorage). Nothing is sent anywhere." }));

    exam.control.addEventListener("change", function () {
      var chosen = data.exams.filter(function (e) { return e.id === exam.control.value; })[0];
      domain.control.innerHTML = "";
      domain.control.appendChild(el("option", { value: "", text: "All domains" }));
      (chosen ? chosen.domains : []).forEach(function (d) { domain.control.appendChild(el("option", { value: String(d.number), text: d.number + ". " + d.name })); });
      domain.control.disabled = !chosen;
      count();
    });
    [domain, topic, type, length].forEach(function (s) { s.control.addEventListener("change", count); });

    function matches(q) {
      if (topic.control.value && q.topic !== topic.control.value) return false;
      if (type.control.value === "case" ? !q.case : (type.control.value && q.type !== type.control.value)) return false;
      if (!exam.control.value) return true;
      var tasks = q.tasks[exam.control.value] || [];
      if (!tasks.length) return false;
      return !domain.control.value || tasks.some(function (t) { return t.split(".")[0] === domain.control.value; });
    }

    function selection() { return data.questions.filter(matches); }

    function count() {
      var n = selection().length;
      available.textContent = n + " scenario questions match (" + data.questions.length + " in the bank).";
      root.setAttribute("data-selected", String(n));
      start.disabled = n === 0;
    }

    function describe() {
      var parts = [exam.control.value ? exam.control.options[exam.control.selectedIndex].text : "Any exam"];
      if (domain.control.value) parts.push("domain " + domain.control.value);
      if (topic.control.value) parts.push(topic.control.options[topic.control.selectedIndex].text);
      if (type.control.value) parts.push(type.control.options[type.control.selectedIndex].text);
      return parts.join(", ");
    }

    var quiz = null;

    function begin() {
      var n = length.control.value === "all" ? Infinity : Number(length.control.value);
      quiz = { questions: shuffle(selection()).slice(0, n), index: 0, right: 0, label: describe(), results: [] };
      stage.hidden = false;
      ask();
    }

    function ask() {
      var q = quiz.questions[quiz.index];
      stage.innerHTML = "";
      stage.setAttribute("data-question", q.id);
      var progress = el("p", { class: "kb-quiz__progress", tabindex: "-1", text: "Question " + (quiz.index + 1) + " of " + quiz.questions.length + " · " + typeLabel(data, q.type) });
      var form = el("form", { class: "kb-quiz__form", novalidate: true });
      var item = question(q, data);
      var feedback = el("div", { class: "kb-quiz__feedback", "aria-live": "polite" });
      var check = el("button", { type: "submit", class: "md-button md-button--primary", "data-action": "check", text: "Check answer" });
      var last = quiz.index === quiz.questions.length - 1;
      var onward = function () { if (last) finish(); else { quiz.index += 1; ask(); } };
      // Skipping leaves the question unanswered: the score screen lists it with its answer.
      var skip = button("Skip question", "skip", function () {
        if (item.locked) return;
        item.locked = true;
        quiz.results.push({ item: item, outcome: NOT_ANSWERED });
        onward();
      });
      form.appendChild(item.node);
      form.appendChild(el("p", { class: "kb-quiz__actions" }, [check, " ", skip]));
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (item.locked) return;
        if (!item.answered()) {
          feedback.setAttribute("data-result", "incomplete");
          feedback.textContent = q.type === "multiple-response" ? "Choose " + NUMBER_WORDS[q.select] + " answers, then check." : q.type === "matching" ? "Choose an answer for every item, then check." : "Choose an answer, then check.";
          return;
        }
        item.locked = true;
        var right = item.correct();
        if (right) quiz.right += 1;
        quiz.results.push({ item: item, outcome: right ? CORRECT : WRONG });
        item.lock();
        item.reveal();
        // Checked once: the button stays where it was, disabled (a screen reader reads it as
        // unavailable) and says so, until the next question brings a new one.
        check.disabled = true;
        check.textContent = "Answer checked";
        skip.remove();
        feedback.innerHTML = "";
        feedback.setAttribute("data-result", right ? "correct" : "incorrect");
        feedback.appendChild(el("p", { class: "kb-quiz__verdict", text: right ? "Correct." : "Not quite: the right answer is marked above." }));
        feedback.appendChild(explanation(q));
        var next = button(last ? "See your score" : "Next question", "next", onward, true);
        feedback.appendChild(next);
        next.focus();
      });
      stage.appendChild(progress);
      stage.appendChild(form);
      stage.appendChild(feedback);
      progress.focus();
    }

    function finish() {
      history.unshift({ date: stamp(), label: quiz.label, right: quiz.right, total: quiz.questions.length });
      history = history.slice(0, 50);
      save(QUIZ_STORE, history);
      stage.innerHTML = "";
      var score = el("p", { class: "kb-quiz__score", tabindex: "-1", text: "You scored " + quiz.right + " out of " + quiz.questions.length + "." });
      stage.appendChild(score);
      var missed = quiz.results.filter(function (r) { return r.outcome !== CORRECT; });
      var wrong = missed.filter(function (r) { return r.outcome === WRONG; }).length;
      stage.appendChild(el("p", { class: "kb-quiz__tally", text: quiz.right + " " + CORRECT.toLowerCase() + ", " + wrong + " " + WRONG.toLowerCase() + ", " + (missed.length - wrong) + " " + NOT_ANSWERED.toLowerCase() + "." }));
      if (missed.length) {
        // Every question missed or skipped, as the mock exam reviews its answers: the question
        // with each option marked, the learner's answer, the right one, the explanation and
        // the pages that teach it.
        stage.appendChild(el("h3", { id: "kb-quiz-review", text: "Questions to review" }));
        quiz.results.forEach(function (r, i) {
          if (r.outcome === CORRECT) return;
          if (r.outcome === NOT_ANSWERED) { r.item.lock(); r.item.reveal(); }
          stage.appendChild(el("div", { class: "kb-quiz__missed", "data-question": r.item.question.id, "data-status": r.outcome }, [
            el("h4", { text: "Question " + (i + 1) + ": " + r.outcome }),
            r.item.node, answers(r.item, r.outcome), explanation(r.item.question)]));
        });
      } else {
        stage.appendChild(el("p", { class: "kb-quiz__all-right", text: "Every question right: nothing to review." }));
      }
      stage.appendChild(el("p", {}, [button("Another quiz", "start", begin, true)]));
      drawHistory();
      score.focus();
    }

    function drawHistory() {
      historyList.innerHTML = "";
      history.forEach(function (e) { historyList.appendChild(el("li", { text: e.date + " — " + e.label + ": " + e.right + "/" + e.total })); });
      if (!history.length) historyList.appendChild(el("li", { text: "No quiz taken in this browser yet." }));
    }

    count();
    drawHistory();
  }

  // --- mock exam ----------------------------------------------------------------------------

  // Questions per domain: count x weight / 100, rounded by largest remainder (macros/practice.py
  // planned_counts does the same), never more than the bank holds for the domain.
  function plannedCounts(exam) {
    var exact = exam.domains.map(function (d) { return exam.count * d.weight / 100; });
    var counts = exact.map(Math.floor);
    var left = exam.count - counts.reduce(function (a, b) { return a + b; }, 0);
    range(exam.domains.length).sort(function (a, b) {
      return (exact[b] - counts[b]) - (exact[a] - counts[a]) || exam.domains[a].number - exam.domains[b].number;
    }).slice(0, left).forEach(function (i) { counts[i] += 1; });
    return counts;
  }

  // Only the exam's pool (macros/practice.py mock_pool: the question types its file lists).
  function draw(data, exam) {
    var planned = plannedCounts(exam);
    var picked = [];
    var inPool = {};
    exam.pool.forEach(function (id) { inPool[id] = true; });
    exam.domains.forEach(function (d, i) {
      var pool = shuffle(data.questions.filter(function (q) { return inPool[q.id] && domainOf(q, exam.id) === d.number; }));
      picked = picked.concat(pool.slice(0, planned[i]));
    });
    picked = shuffle(picked);
    // Questions on one case study sit together, as on the exam.
    var ordered = [];
    picked.forEach(function (q) {
      if (ordered.indexOf(q) !== -1) return;
      ordered.push(q);
      if (q.case) picked.forEach(function (other) { if (other !== q && other.case === q.case) ordered.push(other); });
    });
    return ordered;
  }

  // The practice estimate (explained on the page): the share right per domain, weighted by the
  // domain weights of the domains drawn, mapped linearly onto the exam's scale.
  function estimate(exam, byDomain) {
    var weight = 0, sum = 0;
    exam.domains.forEach(function (d) {
      var r = byDomain[d.number];
      if (!r || !r.total) return;
      weight += d.weight;
      sum += d.weight * r.right / r.total;
    });
    var share = weight ? sum / weight : 0;
    return Math.round(exam.scale[0] + (exam.scale[1] - exam.scale[0]) * share);
  }

  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return h + ":" + String(m).padStart(2, "0") + ":" + String(sec).padStart(2, "0");
  }

  function mock(root) {
    var data = readJSON("kb-mock-data");
    var history = load(MOCK_STORE, []);
    var chooser = el("div", { class: "kb-mock__chooser" });
    var stage = el("div", { class: "kb-mock", hidden: true });
    var historyTable = table("kb-mock__history", ["Date", "Exam", "Right", "Practice estimate", "Time used"], []);
    var historyBody = historyTable.querySelector("tbody");
    root.appendChild(chooser);
    root.appendChild(stage);
    root.appendChild(el("h2", { id: "your-mock-exams", text: "Your mock exams" }));
    root.appendChild(historyTable);
    root.appendChild(el("p", {}, [button("Clear history", "clear-history", function () { history = []; save(MOCK_STORE, history); drawHistory(); })]));
    root.appendChild(el("p", { class: "kb-study__privacy", text: "Results are stored only in this browser (localStorage). Nothing is sent anywhere." }));

    data.exams.forEach(function (exam) {
      var planned = plannedCounts(exam);
      var drawn = exam.domains.reduce(function (sum, d, i) { return sum + Math.min(planned[i], d.held); }, 0);
      var note = drawn < exam.count ? " The bank holds enough questions for " + drawn + " of them today, so this mock exam is shorter; the time stays " + exam.minutes + " minutes." : "";
      chooser.appendChild(el("div", { class: "kb-mock__exam", "data-exam": exam.id }, [
        el("h3", { text: exam.code + ": " + exam.name }),
        el("p", { text: exam.count + " questions in " + exam.minutes + " minutes, drawn by domain weight." + note }),
        el("p", {}, [button("Start the " + exam.code + " mock exam", "start-" + exam.id, function () { begin(exam); }, true)])]));
    });

    (data.pending || []).forEach(function (exam) {
      chooser.appendChild(el("div", { class: "kb-mock__exam kb-mock__pending", "data-exam": exam.id, "data-pending": "true" }, [
        el("h3", { text: exam.code + ": " + exam.name }),
        el("p", { text: "No " + exam.code + " mock exam yet: " + exam.missing.join(", ") + " of " + exam.code +
          " are not verified from its exam guide, so none is guessed. The mock exam appears here once the exam file gives them." })]));
    });

    var run = null;

    function begin(exam) {
      var questions = draw(data, exam);
      var startedAt = Date.now();
      run = { exam: exam, questions: questions, forms: [], flagged: [], visited: [], index: 0, startedAt: startedAt,
              deadline: startedAt + exam.minutes * 60000, done: false };
      chooser.hidden = true;
      stage.hidden = false;
      stage.innerHTML = "";
      stage.setAttribute("data-exam", exam.id);
      stage.setAttribute("data-count", String(questions.length));
      run.timer = el("p", { class: "kb-mock__timer", role: "timer", "aria-live": "off", "aria-label": "Time left" });
      run.alert = el("p", { class: "kb-mock__alert", role: "status", "aria-live": "polite" });
      run.header = el("div", { class: "kb-mock__header" }, [el("p", { class: "kb-mock__title", text: exam.code + " mock exam" }), run.timer, run.alert]);
      run.body = el("div", { class: "kb-mock__body" });
      stage.appendChild(run.header);
      stage.appendChild(run.body);
      questions.forEach(function (q) { run.forms.push(question(q, data)); run.flagged.push(false); run.visited.push(false); });
      window.addEventListener("beforeunload", guard);
      tick();
      run.interval = window.setInterval(tick, 1000);
      show(0);
    }

    function guard(event) {
      if (run && !run.done) { event.preventDefault(); event.returnValue = ""; }
    }

    function tick() {
      if (!run || run.done) return;
      var left = run.deadline - Date.now();
      run.timer.textContent = "Time left: " + clock(left);
      if (left <= 0) {
        run.alert.textContent = "Time is up: your answers were submitted.";
        submit(true);
      } else if (left <= 5 * 60000 && !run.warned) {
        run.warned = true;
        run.alert.textContent = "Five minutes left.";
      }
    }

    function show(index) {
      run.index = index;
      run.visited[index] = true;
      var item = run.forms[index];
      var q = item.question;
      run.body.innerHTML = "";
      var progress = el("h3", { class: "kb-mock__progress", tabindex: "-1", text: "Question " + (index + 1) + " of " + run.questions.length });
      var flagId = "kb-mock-flag-" + index;
      var flag = el("input", { type: "checkbox", id: flagId, "data-action": "flag", checked: run.flagged[index] });
      flag.addEventListener("change", function () { run.flagged[index] = flag.checked; });
      var nav = el("div", { class: "kb-mock__nav" }, [
        button("Previous", "previous", function () { show(index - 1); }),
        index < run.questions.length - 1 ? button("Next", "next", function () { show(index + 1); }, true) : null,
        button("Review answers", "review", review, index === run.questions.length - 1)]);
      if (index === 0) nav.querySelector('[data-action="previous"]').disabled = true;
      run.body.appendChild(progress);
      run.body.appendChild(el("p", { class: "kb-q__type", text: typeLabel(data, q.type) }));
      run.body.appendChild(item.node);
      run.body.appendChild(el("p", { class: "kb-mock__flag" }, [flag, el("label", { for: flagId, text: " Flag for review" })]));
      run.body.appendChild(nav);
      progress.focus();
    }

    // The same labels for every type; an ordering question (always in some order) counts as
    // answered once the learner has been to it.
    function status(i) {
      var item = run.forms[i];
      if (item.question.type === "ordering" && !run.visited[i]) return NOT_ANSWERED;
      return item.answered() ? ANSWERED : (item.given() ? PARTLY : NOT_ANSWERED);
    }

    function outcome(i) {
      var answered = status(i);
      if (answered === NOT_ANSWERED) return NOT_ANSWERED;
      return answered === ANSWERED && run.forms[i].correct() ? CORRECT : WRONG;
    }

    function review() {
      run.body.innerHTML = "";
      var heading = el("h3", { class: "kb-mock__progress", tabindex: "-1", text: "Review before you submit" });
      var open = run.forms.filter(function (f, i) { return status(i) !== ANSWERED; }).length;
      var flagged = run.flagged.filter(Boolean).length;
      var rows = run.forms.map(function (f, i) {
        return el("tr", { "data-index": String(i), "data-status": status(i), "data-flagged": run.flagged[i] ? "yes" : "no" }, [
          el("td", {}, [button("Question " + (i + 1), "goto", function () { show(i); })]),
          el("td", { text: status(i) }),
          el("td", { text: run.flagged[i] ? "Flagged" : "" })]);
      });
      run.body.appendChild(heading);
      run.body.appendChild(el("p", { class: "kb-mock__summary", text: (run.questions.length - open) + " of " + run.questions.length + " answered, " + flagged + " flagged for review." }));
      run.body.appendChild(table("kb-mock__review", ["Question", "Status", "Flag"], rows));
      var firstFlagged = run.flagged.indexOf(true);
      run.body.appendChild(el("p", { class: "kb-mock__nav" }, [
        firstFlagged === -1 ? null : button("Go to the first flagged question", "goto-flagged", function () { show(firstFlagged); }),
        button("Submit the exam", "submit", function () {
          if (open && window.confirm && !window.confirm(open + " questions are not answered. Submit anyway?")) return;
          submit(false);
        }, true)]));
      heading.focus();
    }

    function submit(timedOut) {
      if (run.done) return;
      run.done = true;
      window.clearInterval(run.interval);
      window.removeEventListener("beforeunload", guard);
      var exam = run.exam;
      var byDomain = {};
      var right = 0;
      run.forms.forEach(function (f, i) {
        var d = domainOf(f.question, exam.id);
        byDomain[d] = byDomain[d] || { right: 0, total: 0 };
        byDomain[d].total += 1;
        f.outcome = outcome(i);
        if (f.outcome === CORRECT) { byDomain[d].right += 1; right += 1; }
      });
      var score = estimate(exam, byDomain);
      var used = Math.min(Date.now(), run.deadline) - run.startedAt;
      var entry = { date: stamp(), exam: exam.id, code: exam.code, right: right, total: run.questions.length, estimate: score, minutes: Math.round(used / 60000),
                    domains: byDomain, timedOut: !!timedOut };
      history.unshift(entry);
      history = history.slice(0, 50);
      save(MOCK_STORE, history);
      result(entry);
      drawHistory();
    }

    function result(entry) {
      var exam = run.exam;
      run.timer.textContent = "Submitted";
      run.body.innerHTML = "";
      stage.setAttribute("data-estimate", String(entry.estimate));
      var heading = el("h3", { class: "kb-mock__progress", tabindex: "-1", text: "Your result" });
      var min = exam.scale[0], max = exam.scale[1];
      var pct = function (v) { return ((v - min) / (max - min) * 100).toFixed(1) + "%"; };
      var verdict = entry.estimate >= exam.passing ? "at or above" : "below";
      run.body.appendChild(heading);
      if (entry.timedOut) run.body.appendChild(el("p", { class: "kb-mock__timeout", text: "Time ran out; unanswered questions count as wrong." }));
      run.body.appendChild(el("p", { class: "kb-mock__score", text: entry.right + " of " + entry.total + " questions right." }));
      run.body.appendChild(el("p", { class: "kb-mock__estimate" }, [
        el("strong", { text: "Practice estimate: " + entry.estimate + " on the " + min + "–" + max + " scale" }),
        " (an estimate from this practice bank, not an AWS score; " + verdict + " the passing line of " + exam.passing + ")."]));
      run.body.appendChild(el("div", { class: "kb-scale", role: "img", "aria-label": "Practice estimate " + entry.estimate + " on a scale from " + min + " to " + max + "; the passing line is " + exam.passing }, [
        el("div", { class: "kb-scale__bar", style: "width:" + pct(entry.estimate) }),
        el("div", { class: "kb-scale__pass", style: "left:" + pct(exam.passing) }, [el("span", { text: exam.passing })]),
        el("span", { class: "kb-scale__min", text: String(min) }), el("span", { class: "kb-scale__max", text: String(max) })]));
      var rows = exam.domains.map(function (d) {
        var r = entry.domains[d.number] || { right: 0, total: 0 };
        return el("tr", { "data-domain": String(d.number) }, [
          el("td", { text: d.number + ". " + d.name }), el("td", { text: d.weight + "%" }),
          el("td", { text: r.right + " of " + r.total }), el("td", { text: r.total ? Math.round(100 * r.right / r.total) + "%" : "—" })]);
      });
      run.body.appendChild(table("kb-mock__domains", ["Domain", "Weight", "Right", "Share"], rows));
      run.body.appendChild(el("h3", { text: "Every answer, with its explanation" }));
      run.forms.forEach(function (f, i) {
        f.lock();
        f.reveal();
        var block = el("div", { class: "kb-mock__answer", "data-result": f.outcome === CORRECT ? "correct" : "incorrect", "data-status": f.outcome }, [
          el("h4", { text: "Question " + (i + 1) + ": " + f.outcome + (run.flagged[i] ? " (flagged)" : "") }),
          f.node, answers(f, f.outcome), explanation(f.question)]);
        run.body.appendChild(block);
      });
      run.body.appendChild(el("p", {}, [button("Back to the mock exams", "again", function () { stage.hidden = true; chooser.hidden = false; run = null; })]));
      heading.focus();
    }

    function drawHistory() {
      historyBody.innerHTML = "";
      history.forEach(function (e) {
        historyBody.appendChild(el("tr", {}, [e.date, e.code, e.right + "/" + e.total, String(e.estimate), e.minutes + " min" + (e.timedOut ? " (time ran out)" : "")].map(function (v) { return el("td", { text: v }); })));
      });
      if (!history.length) historyBody.appendChild(el("tr", {}, [el("td", { colspan: "5", text: "No mock exam taken in this browser yet." })]));
    }

    drawHistory();
  }

  function start() {
    var practiceRoot = document.getElementById("kb-practice");
    var mockRoot = document.getElementById("kb-mock");
    if (practiceRoot) practice(practiceRoot);
    if (mockRoot) mock(mockRoot);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
