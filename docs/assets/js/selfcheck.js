/* Self-check questions at the end of a chapter ("Check your understanding").
 *
 * The page already holds each question as a form (studybook.selfcheck): a
 * fieldset with radio buttons or checkboxes, or, for an order question, a
 * list of items; the answer and every option's explanation sit in a closed
 * <details> below it. Without this script that is what a reader gets.
 *
 * This script adds, per question: a "Check" button; feedback in a live
 * region (the verdict, then the explanation of each option chosen, or of
 * each item out of place); "Show the answer", which opens the <details> and
 * moves focus to it; and, for order questions, "Move up" and "Move down"
 * buttons on every item (no dragging), with the move announced.
 * Progress per chapter ("3 of 6 answered correctly") is kept in localStorage
 * under "studybook:selfcheck:<chapter path>", in this browser only, and
 * "Reset my answers" clears it. Nothing is sent anywhere.
 *
 * It runs on every page load (Material's document$ with instant navigation,
 * DOMContentLoaded without it, as in the offline copy from file://) and
 * handles each form once. No inline handlers: the policy forbids them.
 */
(function () {
  "use strict";

  var STORE = "studybook:selfcheck:";

  function storage() {
    try {
      var s = window.localStorage;
      s.setItem(STORE + "probe", "1");
      s.removeItem(STORE + "probe");
      return s;
    } catch (e) {
      return null;   /* storage refused (a private window, a policy): progress is not kept */
    }
  }

  function load(key) {
    var s = storage();
    if (!s) return {};
    try {
      return JSON.parse(s.getItem(STORE + key) || "{}") || {};
    } catch (e) {
      return {};
    }
  }

  function save(key, state) {
    var s = storage();
    if (s) s.setItem(STORE + key, JSON.stringify(state));
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function words(node) {
    return node.textContent.replace(/\s+/g, " ").trim();
  }

  /* The explanation of option (or order item) `n`, from the <details>. */
  function explanation(q, n) {
    var item = q.querySelector('.sb-q__explanations > li[data-option="' + n + '"] .sb-q__why');
    return item ? words(item) : "";
  }

  function itemText(q, n) {
    var item = q.querySelector('.sb-q__item[data-position="' + n + '"] .sb-q__text');
    return item ? words(item) : "";
  }

  /* ---- reading and setting an answer ---------------------------------- */

  function chosen(q) {
    return Array.prototype.map.call(q.querySelectorAll(".sb-q__option input:checked"),
      function (input) { return input.value; });
  }

  function order(q) {
    return Array.prototype.map.call(q.querySelectorAll(".sb-q__item"),
      function (li) { return li.getAttribute("data-position"); });
  }

  function answer(q) {
    return q.getAttribute("data-kind") === "order" ? order(q) : chosen(q);
  }

  function setAnswer(q, values) {
    if (q.getAttribute("data-kind") === "order") {
      var list = q.querySelector(".sb-q__items");
      values.forEach(function (n) {
        var li = list.querySelector('.sb-q__item[data-position="' + n + '"]');
        if (li) list.appendChild(li);
      });
      updateMoveButtons(q);
    } else {
      q.querySelectorAll(".sb-q__option input").forEach(function (input) {
        input.checked = values.indexOf(input.value) !== -1;
      });
    }
  }

  /* ---- marking -------------------------------------------------------- */

  /* {right: bool, lines: [text], empty: bool} for the current answer. */
  function mark(q) {
    var kind = q.getAttribute("data-kind");
    var lines = [];
    if (kind === "order") {
      var now = order(q);
      var wrong = 0;
      now.forEach(function (n, i) {
        if (String(i + 1) !== n) {
          wrong += 1;
          lines.push("“" + itemText(q, n) + "” is not number " + (i + 1) + ": " + explanation(q, n));
        }
      });
      return {right: wrong === 0, lines: lines, empty: false,
        verdict: wrong === 0 ? "Right: that is the order." :
          "Not yet: " + wrong + " of " + now.length + " items are out of place."};
    }
    var picked = chosen(q);
    if (!picked.length) {
      return {right: false, lines: [], empty: true,
        verdict: kind === "single" ? "Choose an answer first." : "Choose at least one answer first."};
    }
    var right = true;
    q.querySelectorAll(".sb-q__option").forEach(function (li) {
      var n = li.getAttribute("data-option");
      var isRight = li.hasAttribute("data-right");
      var isPicked = picked.indexOf(n) !== -1;
      if (isRight !== isPicked) right = false;
      if (isPicked) {
        var label = words(li.querySelector("label"));
        lines.push((isRight ? "Right: " : "Wrong: ") + "“" + label + "” " + explanation(q, n));
      }
    });
    var missed = kind === "multiple" && right === false &&
      lines.every(function (line) { return line.indexOf("Right: ") === 0; });
    return {right: right, lines: lines, empty: false,
      verdict: right ? "Right." : missed ? "Not yet: there is more than one right answer." : "Not yet."};
  }

  function showFeedback(q, result) {
    var box = q.querySelector(".sb-q__feedback");
    box.textContent = "";
    box.classList.toggle("sb-q__feedback--right", result.right);
    box.classList.toggle("sb-q__feedback--wrong", !result.right && !result.empty);
    box.appendChild(el("p", "sb-q__verdict-line", result.verdict));
    if (result.lines.length) {
      var list = el("ul", "sb-q__notes");
      result.lines.forEach(function (line) { list.appendChild(el("li", "", line)); });
      box.appendChild(list);
    }
    q.querySelectorAll(".sb-q__option").forEach(function (li) {
      var input = li.querySelector("input");
      li.classList.toggle("sb-q__option--right", !result.empty && input.checked && li.hasAttribute("data-right"));
      li.classList.toggle("sb-q__option--wrong", !result.empty && input.checked && !li.hasAttribute("data-right"));
    });
  }

  /* ---- order questions: move buttons ------------------------------------ */

  function moveButton(direction, text) {
    var b = el("button", "sb-q__move sb-q__move--" + direction);
    b.type = "button";
    b.setAttribute("data-move", direction);
    var arrow = el("span", "", direction === "up" ? "\u2191" : "\u2193");
    arrow.setAttribute("aria-hidden", "true");
    b.appendChild(arrow);
    b.appendChild(el("span", "sb-visually-hidden",
      (direction === "up" ? "Move up: " : "Move down: ") + text));
    return b;
  }

  function updateMoveButtons(q) {
    var items = q.querySelectorAll(".sb-q__item");
    items.forEach(function (li, i) {
      var up = li.querySelector('[data-move="up"]');
      var down = li.querySelector('[data-move="down"]');
      if (up) up.disabled = i === 0;
      if (down) down.disabled = i === items.length - 1;
    });
  }

  function move(q, li, direction, announce) {
    var list = li.parentNode;
    if (direction === "up" && li.previousElementSibling) {
      list.insertBefore(li, li.previousElementSibling);
    } else if (direction === "down" && li.nextElementSibling) {
      list.insertBefore(li.nextElementSibling, li);
    } else {
      return;
    }
    updateMoveButtons(q);
    var items = Array.prototype.slice.call(list.children);
    var button = li.querySelector('[data-move="' + direction + '"]');
    if (button.disabled) button = li.querySelector('[data-move="' + (direction === "up" ? "down" : "up") + '"]');
    button.focus();
    announce.textContent = "“" + words(li.querySelector(".sb-q__text")) + "” is now number " +
      (items.indexOf(li) + 1) + " of " + items.length + ".";
  }

  /* ---- one question ------------------------------------------------------ */

  function setUp(q, form) {
    var actions = q.querySelector(".sb-q__actions");
    var details = q.querySelector(".sb-q__answer");
    var check = el("button", "md-button md-button--primary sb-q__check", "Check");
    check.type = "button";
    var show = el("button", "md-button sb-q__show", "Show the answer");
    show.type = "button";
    actions.appendChild(check);
    actions.appendChild(show);
    details.hidden = true;   /* the answer waits for "Show the answer" */

    if (q.getAttribute("data-kind") === "order") {
      var announce = el("p", "sb-visually-hidden sb-q__moved");
      announce.setAttribute("aria-live", "polite");
      q.querySelector(".sb-q__items").after(announce);
      q.querySelectorAll(".sb-q__item").forEach(function (li) {
        var text = words(li.querySelector(".sb-q__text"));
        var controls = el("span", "sb-q__moves");
        controls.appendChild(moveButton("up", text));
        controls.appendChild(moveButton("down", text));
        li.appendChild(controls);
      });
      q.addEventListener("click", function (event) {
        var button = event.target.closest("[data-move]");
        if (button && !button.disabled) move(q, button.closest(".sb-q__item"), button.getAttribute("data-move"), announce);
      });
      updateMoveButtons(q);
    }

    check.addEventListener("click", function () {
      var result = mark(q);
      showFeedback(q, result);
      if (result.empty) return;
      var state = load(form.key);
      state[q.id] = {answer: answer(q), right: result.right};
      save(form.key, state);
      progress(form);
    });
    show.addEventListener("click", function () {
      details.hidden = false;
      details.open = true;
      details.querySelector("summary").focus();
    });
  }

  /* ---- the chapter's form -------------------------------------------------- */

  function progress(form) {
    var state = load(form.key);
    var right = form.questions.filter(function (q) { return state[q.id] && state[q.id].right; }).length;
    var tried = form.questions.filter(function (q) { return state[q.id]; }).length;
    form.count.textContent = "Your progress in this chapter: " + right + " of " + form.questions.length +
      " answered correctly" + (tried > right ? ", " + (tried - right) + " still to get right." : ".") +
      " It is kept only in this browser.";
  }

  function restore(form) {
    var state = load(form.key);
    form.questions.forEach(function (q) {
      var saved = state[q.id];
      if (!saved || !Array.isArray(saved.answer)) return;
      setAnswer(q, saved.answer.map(String));
      showFeedback(q, mark(q));
    });
  }

  function reset(form) {
    var s = storage();
    if (s) s.removeItem(STORE + form.key);
    form.questions.forEach(function (q) {
      setAnswer(q, q.getAttribute("data-kind") === "order" ? q.initialOrder : []);
      var box = q.querySelector(".sb-q__feedback");
      box.textContent = "";
      box.classList.remove("sb-q__feedback--right", "sb-q__feedback--wrong");
      q.querySelectorAll(".sb-q__option").forEach(function (li) {
        li.classList.remove("sb-q__option--right", "sb-q__option--wrong");
      });
      var details = q.querySelector(".sb-q__answer");
      details.open = false;
      details.hidden = true;
    });
    progress(form);
    form.count.textContent = "Your answers in this chapter have been cleared. " + form.count.textContent;
  }

  function start() {
    document.querySelectorAll("[data-sb-selfcheck]").forEach(function (root) {
      if (root.hasAttribute("data-sb-ready")) return;
      root.setAttribute("data-sb-ready", "");
      root.classList.add("sb-selfcheck--live");
      var form = {
        key: root.getAttribute("data-sb-selfcheck"),
        questions: Array.prototype.slice.call(root.querySelectorAll(".sb-q")),
        count: root.querySelector(".sb-selfcheck__count")
      };
      form.questions.forEach(function (q) {
        q.initialOrder = order(q);
        setUp(q, form);
      });
      root.querySelector(".sb-selfcheck__progress").hidden = false;
      root.querySelector(".sb-selfcheck__reset").addEventListener("click", function () { reset(form); });
      restore(form);
      progress(form);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { start(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
