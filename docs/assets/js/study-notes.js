/* Highlights and notes that stay the student's (README, "Highlights and notes").
 *
 * Everything lives in this browser's localStorage; nothing is sent anywhere.
 * An annotation remembers the edition, the page, the id of its block (a
 * paragraph's fixed id; on glossary and people pages, whose paragraphs have
 * none, the id of the heading above them) and its quote with 32 characters of
 * prefix and suffix (the W3C TextQuoteSelector). Opened in another edition, it
 * re-anchors to the same block when the quote is still there; otherwise it is
 * recorded as "changed" or "gone" (following the page's declared moves,
 * .sb-anchor-moves) and listed so on the My notes page. Nothing is dropped.
 *
 * Work starts when the browser is idle, once per page, with and without
 * Material's instant navigation (document$), and from file://.
 * Pure helpers are exported for the tests as window.studybookNotes.
 */
(function () {
  "use strict";

  var KEY = "studybook-notes";
  var PRINT_KEY = "studybook-notes-print";
  var COLOURS = ["yellow", "green", "blue", "pink"];
  var NAMES = { yellow: "Yellow", green: "Green", blue: "Blue", pink: "Pink" };
  var CONTEXT = 32;
  var PAGES = /^(chapters|glossary|people)\/[^/]+\/$/;
  var NOT_BODY = ".admonition, details, .footnote, .sb-generated, ul, ol, dl, blockquote, " +
    "figure, table, aside, nav, .tabbed-set, .sb-np, .sb-previews";
  // Our own controls and note numbers are not part of the text a quote is taken from.
  var SKIP = ".sb-anchor-tools, .sb-nm, .footnote-ref, .sb-np, .sb-nb";
  var W3C = "http://www.w3.org/ns/anno.jsonld";

  // -- Pure helpers ---------------------------------------------------------------

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function pattern(exact) {
    return new RegExp(exact.trim().split(/\s+/).map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("\\s+"), "g");
  }

  function shared(a, b, fromEnd) {
    var n = 0, la = a.length, lb = b.length;
    while (n < la && n < lb && (fromEnd ? a[la - 1 - n] === b[lb - 1 - n] : a[n] === b[n])) n++;
    return n;
  }

  /* Where the quote is in text: [start, end] of the best match by prefix and suffix, or null. */
  function locate(text, q) {
    if (!q.exact || !q.exact.trim()) return null;
    var re = pattern(q.exact), m, best = null, score = -1;
    while ((m = re.exec(text))) {
      var s = shared(text.slice(0, m.index), q.prefix || "", true) +
        shared(text.slice(m.index + m[0].length), q.suffix || "", false);
      if (s > score) { score = s; best = [m.index, m.index + m[0].length]; }
    }
    return best;
  }

  function quoteOf(text, s, e) {
    var flat = function (t) { return t.replace(/\s+/g, " "); };
    return { exact: flat(text.slice(s, e)).trim(), prefix: flat(text.slice(Math.max(0, s - CONTEXT), s)),
      suffix: flat(text.slice(e, e + CONTEXT)) };
  }

  function pinned(data, path, block) {
    var hash = block ? "#" + block : "";
    if (data.site && data.edition && data.edition !== "dev") return data.site + data.edition + "/" + path + hash;
    return (data.site || "") + path + hash;
  }

  /* A stored annotation as a W3C Web Annotation. */
  function toW3C(a, data) {
    var body = [];
    if (a.note) body.push({ type: "TextualBody", purpose: "commenting", value: a.note, format: "text/plain" });
    if (a.colour) body.push({ type: "TextualBody", purpose: "tagging", value: a.colour });
    var selector = [{ type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3986", value: a.block }];
    if (a.exact) selector.push({ type: "TextQuoteSelector", exact: a.exact, prefix: a.prefix, suffix: a.suffix });
    return { id: a.id, type: "Annotation", motivation: a.note ? "commenting" : "highlighting",
      created: a.created, modified: a.modified, body: body,
      target: { source: pinned({ site: data.site, edition: a.edition }, a.path, ""), selector: selector },
      studybook: { edition: a.edition, path: a.path, title: a.title, n: a.n } };
  }

  function exportJson(items, data) {
    return JSON.stringify({ "@context": W3C, type: "AnnotationCollection", label: "My notes: " + (data.siteName || "study edition"),
      generator: "studybook study-notes", total: items.length,
      first: { type: "AnnotationPage", items: items.map(function (a) { return toW3C(a, data); }) } }, null, 2);
  }

  /* The annotations in an export, or an Error saying what is wrong (nothing is half-read). */
  function parseImport(text) {
    var doc;
    try { doc = JSON.parse(text); } catch (e) { return new Error("This file is not valid JSON (" + e.message + ")."); }
    var list = doc && doc.type === "AnnotationCollection" && doc.first && doc.first.items;
    if (!Array.isArray(list)) {
      return new Error("This file is not a notes export: it has no W3C AnnotationCollection with items.");
    }
    var out = [];
    for (var i = 0; i < list.length; i++) {
      var w = list[i] || {}, sb = w.studybook || {}, sel = (w.target && w.target.selector) || [];
      var frag = sel.filter(function (s) { return s && s.type === "FragmentSelector"; })[0];
      var quote = sel.filter(function (s) { return s && s.type === "TextQuoteSelector"; })[0] || {};
      var body = Array.isArray(w.body) ? w.body : [];
      var pick = function (p) { return body.filter(function (b) { return b && b.purpose === p; })[0]; };
      var colour = pick("tagging") ? pick("tagging").value : null;
      if (w.type !== "Annotation" || typeof w.id !== "string" || !frag || typeof frag.value !== "string" ||
          typeof sb.path !== "string" || typeof sb.edition !== "string" || (colour && COLOURS.indexOf(colour) < 0)) {
        return new Error("Item " + (i + 1) + " is not a note of this book (it needs an id, a FragmentSelector " +
          "and the studybook edition and path).");
      }
      out.push({ id: w.id, edition: sb.edition, path: sb.path, title: sb.title || sb.path, n: sb.n || 0,
        block: frag.value, exact: quote.exact || "", prefix: quote.prefix || "", suffix: quote.suffix || "",
        colour: colour, note: pick("commenting") ? String(pick("commenting").value) : "",
        created: w.created || "", modified: w.modified || w.created || "", checks: {} });
    }
    return out;
  }

  /* Add imported items to the stored ones; an id already there is kept, not doubled. */
  function merge(items, incoming) {
    var have = {}, added = 0;
    items.forEach(function (a) { have[a.id] = true; });
    incoming.forEach(function (a) { if (!have[a.id]) { have[a.id] = true; items.push(a); added++; } });
    return added;
  }

  // -- Storage ------------------------------------------------------------------------

  var items = [];

  function load() {
    try { items = (JSON.parse(localStorage.getItem(KEY) || "{}").items) || []; } catch (e) { items = []; }
    return items;
  }

  /* Save; on a quota (or any) error say so, and go back to what is saved, which is intact. */
  function save(what) {
    try {
      localStorage.setItem(KEY, JSON.stringify({ version: 1, items: items }));
      if (what) announce(what);
      return true;
    } catch (e) {
      load();
      announce("Not saved: this browser's storage for the book is full or switched off. " +
        "Your earlier notes are safe; export them, then free some space.", true);
      return false;
    }
  }

  // -- Speaking and small DOM helpers -----------------------------------------------

  var live = null;
  function announce(message, alert) {
    if (!live || !document.body.contains(live)) {
      live = document.createElement("div");
      live.className = "sb-visually-hidden";
      live.setAttribute("aria-live", "polite");
      live.setAttribute("data-sb-notes-live", "");
      document.body.appendChild(live);
    }
    live.setAttribute("role", alert ? "alert" : "status");
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 50);
    var shown = document.querySelector(".sb-mynotes__message");
    if (shown) shown.textContent = message;
  }

  function pageData(root) {
    var el = (root || document).querySelector(".sb-page-data");
    try { return JSON.parse(el.getAttribute("data-sb")); } catch (e) { return null; }
  }

  function article() {
    return document.querySelector("article.md-content__inner") || document.querySelector("article");
  }

  function now() { return new Date().toISOString(); }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return "urn:uuid:" + crypto.randomUUID();
    return "urn:uuid:" + Date.now().toString(16) + "-" + Math.random().toString(16).slice(2);
  }

  // -- The page's blocks: body paragraphs, keyed by their id or the heading above ---

  function blocks(root) {
    var out = [], heading = null, count = 0;
    Array.prototype.forEach.call(root.querySelectorAll("h1[id], h2[id], h3[id], h4[id], p"), function (el) {
      if (el.tagName !== "P") { heading = el.id; count = 0; return; }
      var outside = el.parentElement && el.parentElement.closest(NOT_BODY);
      if (outside && root.contains(outside)) return;
      if (el.id) { out.push({ el: el, id: el.id, n: 0 }); return; }
      if (heading) out.push({ el: el, id: heading, n: ++count });
    });
    return out;
  }

  function textModel(el) {
    var nodes = [], text = "", walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var node = walker.currentNode;
      if (node.parentElement.closest(SKIP)) continue;
      nodes.push({ node: node, start: text.length });
      text += node.nodeValue;
    }
    return { nodes: nodes, text: text };
  }

  function offset(model, container, off) {
    for (var i = 0; i < model.nodes.length; i++) {
      var entry = model.nodes[i];
      if (entry.node === container) return entry.start + off;
      var r = document.createRange();
      r.setStart(entry.node, 0);
      if (r.comparePoint(container, off) <= 0) return entry.start;
    }
    return model.text.length;
  }

  function wrap(model, s, e, a) {
    model.nodes.forEach(function (entry) {
      var len = entry.node.nodeValue.length, from = Math.max(s, entry.start), to = Math.min(e, entry.start + len);
      if (from >= to) return;
      var node = entry.node;
      if (to < entry.start + len) node.splitText(to - entry.start);
      if (from > entry.start) node = node.splitText(from - entry.start);
      var mark = document.createElement("mark");
      mark.className = "sb-hl sb-hl--" + a.colour;
      mark.setAttribute("data-sb-note", a.id);
      node.parentNode.insertBefore(mark, node);
      mark.appendChild(node);
    });
  }

  // -- Showing annotations on a page --------------------------------------------------

  var page = null;   // {data, root, blocks}

  function forPage() {
    return items.filter(function (a) { return a.path === page.data.path; });
  }

  /* Which element of the page an annotation belongs to, with its quote's place; records the check. */
  function anchor(a) {
    var scope = page.blocks.filter(function (b) { return b.id === a.block; });
    var ed = page.data.edition, found = null;
    if (!scope.length) {
      var moves = readMoves();
      a.checks[ed] = { state: "gone", moved: moves[a.block] ? movedPath(moves[a.block]) : "" };
      return null;
    }
    if (!a.exact) {
      found = { b: scope.filter(function (b) { return b.n === a.n; })[0] || scope[0] };
    } else {
      scope.some(function (b) {
        var at = locate(textModel(b.el).text, a);
        if (at) found = { b: b, at: at };
        return !!at;
      });
    }
    a.checks[ed] = { state: found ? "ok" : "changed" };
    return found || { b: scope[0], changed: true };
  }

  function readMoves() {
    var el = page.root.querySelector(".sb-anchor-moves");
    try { return el ? JSON.parse(el.getAttribute("data-sb")) : {}; } catch (e) { return {}; }
  }

  function movedPath(href) {
    var base = new URL(page.data.base || "./", location.href).href, url = new URL(href, location.href).href;
    // As an online path ("chapters/x/#id"), also in the offline copy (chapters/x.html#id).
    return url.indexOf(base) === 0 ? url.slice(base.length).replace(/index\.html(?=#|$)/, "").replace(/\.html(?=#|$)/, "/") : url;
  }

  function clear() {
    Array.prototype.forEach.call(page.root.querySelectorAll("mark.sb-hl"), function (m) {
      var parent = m.parentNode;
      while (m.firstChild) parent.insertBefore(m.firstChild, m);
      parent.removeChild(m);
      parent.normalize();
    });
  }

  function render() {
    clear();
    var per = new Map();
    forPage().forEach(function (a) {
      a.checks = a.checks || {};
      var place = anchor(a);
      if (!place) return;
      if (place.at && a.colour) wrap(textModel(place.b.el), place.at[0], place.at[1], a);
      if (!per.has(place.b.el)) per.set(place.b.el, []);
      per.get(place.b.el).push(a);
    });
    if (forPage().length) {
      try { localStorage.setItem(KEY, JSON.stringify({ version: 1, items: items })); } catch (e) { /* checks only */ }
    }
    page.blocks.forEach(function (b) {
      var list = per.get(b.el) || [], button = b.el.querySelector(".sb-nm");
      if (!button) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "sb-nm";
        button.addEventListener("click", function () { openPanel(b, null); });
        b.el.insertBefore(button, b.el.firstChild);
      }
      var notes = list.map(function (a) { return a.note; }).filter(Boolean);
      button.classList.toggle("sb-nm--on", list.length > 0);
      b.el.classList.add("sb-nm-host");
      b.el.classList.toggle("sb-nm-host--on", list.length > 0);
      // Drawn by CSS (::before), so the mark is neither copied nor read as paragraph text.
      button.setAttribute("data-mark", list.length ? String(list.length) : "+");
      button.setAttribute("aria-label", list.length
        ? "Your notes on this paragraph: " + list.length + (notes.length ? ". " + notes.join(" / ") : "")
        : "Add a note on this paragraph");
      if (notes.length) button.setAttribute("data-note", notes.join(" / "));
      else button.removeAttribute("data-note");
    });
  }

  // -- The panel under a paragraph: its notes, to read, edit and delete ---------------

  var panel = null;

  function itemHtml(a, changed) {
    var colours = COLOURS.map(function (c) {
      return '<option value="' + c + '"' + (a.colour === c ? " selected" : "") + ">" + NAMES[c] + "</option>";
    }).join("");
    return '<li data-sb-note-id="' + esc(a.id) + '">' +
      (a.exact ? '<p class="sb-np__quote"><span class="sb-swatch sb-swatch--' + a.colour + '" aria-hidden="true"></span>' +
        "\u201c" + esc(a.exact) + "\u201d" + (changed ? ' <em>(text changed since edition ' + esc(a.edition) + ")</em>" : "") + "</p>" : "") +
      (a.colour ? '<label>Colour <select class="sb-np__colour">' + colours + "</select></label>" : "") +
      '<label class="sb-np__label">Note<textarea class="sb-np__text" rows="3">' + esc(a.note) + "</textarea></label>" +
      '<span class="sb-np__actions"><button type="button" class="sb-np__save">Save</button> ' +
      '<button type="button" class="sb-np__delete">Delete</button></span></li>';
  }

  function openPanel(b, focusId) {
    closePanel(false);
    var list = forPage().filter(function (a) {
      var p = anchor(a);
      return p && p.b.el === b.el;
    });
    panel = document.createElement("div");
    panel.className = "sb-np";
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", "Your notes on this paragraph");
    panel.innerHTML = '<p class="sb-np__title">Your notes on this paragraph</p><ul>' +
      list.map(function (a) { return itemHtml(a, a.exact && a.checks[page.data.edition].state === "changed"); }).join("") +
      '</ul><button type="button" class="sb-np__add">Add a note on the whole paragraph</button> ' +
      '<button type="button" class="sb-np__close">Close</button>';
    panel.sbBlock = b;
    b.el.insertAdjacentElement("afterend", panel);
    panel.addEventListener("click", onPanelClick);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); closePanel(true); }
    });
    var target = focusId ? panel.querySelector('[data-sb-note-id="' + CSS.escape(focusId) + '"] textarea') : null;
    (target || panel.querySelector("textarea") || panel.querySelector(".sb-np__add")).focus();
  }

  function closePanel(returnFocus) {
    if (!panel) return;
    var b = panel.sbBlock;
    panel.remove();
    panel = null;
    if (returnFocus) b.el.querySelector(".sb-nm").focus();
  }

  function find(id) { return items.filter(function (a) { return a.id === id; })[0]; }

  function onPanelClick(event) {
    var b = panel.sbBlock, li = event.target.closest("li"), a = li && find(li.getAttribute("data-sb-note-id"));
    if (event.target.closest(".sb-np__close")) return closePanel(true);
    if (event.target.closest(".sb-np__add")) {
      var fresh = create(b, null, null);
      if (fresh) { render(); openPanel(b, fresh.id); announce("Added a note on the whole paragraph. Type it, then press Save."); }
      return;
    }
    if (!a) return;
    if (event.target.closest(".sb-np__save")) {
      var note = li.querySelector("textarea").value, colour = li.querySelector("select");
      var old = { note: a.note, colour: a.colour };
      a.note = note;
      if (colour) a.colour = colour.value;
      a.modified = now();
      if (!save("Saved your note.")) { Object.assign(find(a.id) || {}, old); return; }
      render();
      openPanel(b, a.id);
    } else if (event.target.closest(".sb-np__delete")) {
      if (!window.confirm("Delete this note" + (a.exact ? " and its highlight" : "") + "?")) return;
      items = items.filter(function (x) { return x !== a; });
      if (save("Deleted.")) { render(); closePanel(true); }
    }
  }

  function create(b, range, colour) {
    var a = { id: uuid(), edition: page.data.edition, path: page.data.path, title: pageTitle(), block: b.id, n: b.n,
      exact: "", prefix: "", suffix: "", colour: colour, note: "", created: now(), modified: now(), checks: {} };
    if (range) Object.assign(a, range);
    items.push(a);
    return save() ? a : null;
  }

  function pageTitle() {
    var h = page.root.querySelector("h1");
    return h ? h.textContent.trim() : document.title;
  }

  // -- The bar by a selection ----------------------------------------------------------

  var bar = null, pending = null;

  function buildBar() {
    var el = document.createElement("div");
    el.className = "sb-nb";
    el.setAttribute("role", "toolbar");
    el.setAttribute("aria-label", "Highlight the selected text");
    el.innerHTML = COLOURS.map(function (c) {
      return '<button type="button" data-colour="' + c + '"><span class="sb-swatch sb-swatch--' + c +
        '" aria-hidden="true"></span>' + NAMES[c] + "</button>";
    }).join("") + '<button type="button" data-colour="note">Note</button>';
    el.addEventListener("mousedown", function (event) { event.preventDefault(); });   // keep the selection
    el.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !pending) return;
      var p = pending, colour = button.getAttribute("data-colour");
      var a = create(p.b, p.quote, colour === "note" ? "yellow" : colour);
      hideBar();
      window.getSelection().removeAllRanges();
      if (!a) return;
      render();
      if (colour === "note") { openPanel(p.b, a.id); announce("Highlighted. Type your note, then press Save."); return; }
      announce("Highlighted in " + NAMES[colour] + ": \u201c" + p.quote.exact + "\u201d.");
      p.b.el.querySelector(".sb-nm").focus();
    });
    el.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { hideBar(); }
    });
    return el;
  }

  function hideBar() {
    if (bar && bar.parentNode) bar.remove();
    pending = null;
  }

  function onSelection() {
    if (!page || (bar && bar.contains(document.activeElement))) return;
    var sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return hideBar();
    var range = sel.getRangeAt(0), b = page.blocks.filter(function (x) {
      return x.el.contains(range.startContainer) && x.el.contains(range.endContainer);
    })[0];
    if (!b) return hideBar();
    var model = textModel(b.el), s = offset(model, range.startContainer, range.startOffset),
      e = offset(model, range.endContainer, range.endOffset), quote = quoteOf(model.text, s, e);
    if (!quote.exact) return hideBar();
    pending = { b: b, quote: quote };
    if (!bar) bar = buildBar();
    if (!bar.isConnected) announce("Text selected. Press Tab to highlight it or add a note.");
    b.el.insertAdjacentElement("afterend", bar);
    var box = range.getBoundingClientRect(), parent = (bar.offsetParent || document.body).getBoundingClientRect();
    bar.style.top = (box.bottom - parent.top + 6) + "px";
    bar.style.left = Math.max(0, Math.min(box.left - parent.left, parent.width - bar.offsetWidth)) + "px";
  }

  // -- The My notes page --------------------------------------------------------------

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = url;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + url)); };
      document.head.appendChild(s);
    });
  }

  /* Groups of annotations in reading order: [{page (manifest entry or null), title, items}]. */
  function groups(manifest, list) {
    var byPath = {}, out = [];
    list.forEach(function (a) { (byPath[a.path] = byPath[a.path] || []).push(a); });
    manifest.pages.forEach(function (p) {
      if (byPath[p.path]) { out.push({ page: p, title: p.number ? "Chapter " + p.number + ": " + p.title : p.title, items: byPath[p.path] }); delete byPath[p.path]; }
    });
    Object.keys(byPath).forEach(function (path) {
      out.push({ page: null, title: byPath[path][0].title + " (page no longer in this edition)", items: byPath[path] });
    });
    out.forEach(function (g) {
      var ids = g.page ? g.page.anchors.map(function (x) { return x.id; }) : [];
      var at = function (a) { var i = ids.indexOf(a.block); return i < 0 ? ids.length : i; };   // gone ones last
      g.items.sort(function (x, y) { return (at(x) - at(y)) || (x.n - y.n) || (x.created < y.created ? -1 : 1); });
    });
    return out;
  }

  /* What the reader is told about an annotation in this edition, or "" when all is well. */
  function status(a, p, edition) {
    var check = (a.checks || {})[edition];
    if (!p || (check && check.state === "gone") || (p.anchors.length && !p.anchors.some(function (x) { return x.id === a.block; }))) {
      return { state: "gone", moved: check && check.moved };
    }
    if (check) return check;
    return { state: a.edition === edition ? "ok" : "unchecked" };
  }

  function sectionOf(p, a) {
    if (!p) return "";
    var entry = p.anchors.filter(function (x) { return x.id === a.block; })[0] || {};
    var sec = entry.kind === "heading" ? entry : p.anchors.filter(function (x) { return x.id === entry.section; })[0];
    return sec && sec.level > 1 ? sec.text : "";
  }

  function markdown(data, manifest, list) {
    var out = ["# My notes: " + (data.siteName || "study edition"), "",
      "Exported " + now().slice(0, 10) + " from edition " + manifest.edition + ".", ""];
    groups(manifest, list).forEach(function (g) {
      out.push("## " + g.title, "");
      g.items.forEach(function (a) {
        var where = [g.title, sectionOf(g.page, a)].filter(Boolean).join(", ");
        var link = "[" + where + ", edition " + a.edition + "](" + pinned({ site: data.site, edition: a.edition }, a.path, a.block) + ")";
        if (a.exact) out.push("> \u201c" + a.exact + "\u201d", ">", "> " + link + (a.colour ? " (" + NAMES[a.colour] + ")" : ""), "");
        else out.push("Note on the paragraph: " + link, "");
        if (a.note) out.push(a.note.split("\n").map(function (l) { return l ? l : ""; }).join("\n"), "");
      });
    });
    return out.join("\n");
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function myNotes(root, data) {
    var base = new URL(data.base || "./", location.href);
    loadScript(new URL("anchors.json.js", base).href).then(function () {
      var sb = window.studybookAnchors || {};
      if (!sb.manifest) throw new Error(sb.problem || "the list of this edition's pages could not be read");
      data.siteName = sb.siteName;
      drawMyNotes(root, data, sb.manifest, base);
    }).catch(function (err) {
      root.innerHTML = '<p class="sb-mynotes__message" role="alert">Your notes could not be shown: ' + esc(err.message) + ".</p>";
    });
  }

  function drawMyNotes(root, data, manifest, base) {
    var noted = {};
    load().forEach(function (a) { noted[a.path] = true; });
    var chapterOptions = manifest.pages.filter(function (p) { return p.kind === "chapter" || noted[p.path]; }).map(function (p) {
      return '<option value="' + esc(p.path) + '">' + esc(p.number ? "Chapter " + p.number + ": " + p.title : p.title) + "</option>";
    }).join("");
    root.innerHTML =
      '<div class="sb-mynotes__controls">' +
      '<label>Colour <select data-sb-filter="colour"><option value="">All colours</option>' +
      COLOURS.map(function (c) { return '<option value="' + c + '">' + NAMES[c] + "</option>"; }).join("") + "</select></label> " +
      '<label>Page <select data-sb-filter="path"><option value="">All pages</option>' + chapterOptions + "</select></label> " +
      '<label>Search <input type="search" data-sb-filter="q"></label>' +
      '<p><button type="button" data-sb-act="md">Export as Markdown</button> ' +
      '<button type="button" data-sb-act="json">Export as JSON</button> ' +
      '<label class="sb-mynotes__import">Import JSON <input type="file" accept=".json,application/json" data-sb-act="import"></label> ' +
      '<button type="button" data-sb-act="all">Delete all notes</button></p>' +
      '<p><label><input type="checkbox" data-sb-act="print"> Show highlight colours when printing</label></p></div>' +
      '<p class="sb-mynotes__message" role="status"></p><div class="sb-mynotes__list"></div>';
    var list = root.querySelector(".sb-mynotes__list"), printBox = root.querySelector('[data-sb-act="print"]');
    printBox.checked = localStorage.getItem(PRINT_KEY) === "1";

    var src = {};
    manifest.pages.forEach(function (p) { src[p.path] = p.src; });
    function href(path, block) {   // the offline copy's pages are <source name>.html
      var hash = path.indexOf("#") >= 0 ? path.slice(path.indexOf("#")) : (block ? "#" + block : "");
      path = path.split("#")[0];
      if (location.protocol === "file:") path = src[path] ? src[path].replace(/\.md$/, ".html") : path + "index.html";
      return new URL(path + hash, base).href;
    }

    function draw() {
      var f = {};
      Array.prototype.forEach.call(root.querySelectorAll("[data-sb-filter]"), function (el) { f[el.getAttribute("data-sb-filter")] = el.value.trim().toLowerCase(); });
      var shown = load().filter(function (a) {
        return (!f.colour || a.colour === f.colour) && (!f.path || a.path === f.path) &&
          (!f.q || (a.exact + " " + a.note).toLowerCase().indexOf(f.q) >= 0);
      });
      if (!items.length) { list.innerHTML = "<p>You have no highlights or notes yet. Select some text in a chapter to start.</p>"; return; }
      if (!shown.length) { list.innerHTML = "<p>No notes match.</p>"; return; }
      list.innerHTML = groups(manifest, shown).map(function (g) {
        return '<section class="sb-mynotes__group"><h2>' + esc(g.title) + "</h2>" +
          (g.page ? '<p><button type="button" data-sb-act="page" data-sb-path="' + esc(g.page.path) + '">Delete this page\u2019s notes</button></p>' : "") +
          "<ul>" + g.items.map(function (a) {
            var st = status(a, g.page, manifest.edition), sec = sectionOf(g.page, a);
            var flag = st.state === "gone" ? "Paragraph no longer in this edition" +
                (st.moved ? ': it moved <a href="' + esc(href(st.moved, "")) + '">here</a>' : "") + "."
              : st.state === "changed" ? "Text changed since edition " + esc(a.edition) + "; the quote is from that edition."
              : st.state === "unchecked" ? "From edition " + esc(a.edition) + "; open it to check it against this edition." : "";
            return '<li class="sb-mynotes__item" data-sb-note-id="' + esc(a.id) + '">' +
              (a.colour ? '<span class="sb-swatch sb-swatch--' + a.colour + '" aria-hidden="true"></span><span class="sb-mynotes__colour">' + NAMES[a.colour] + "</span> " : "") +
              (a.exact ? '<q class="sb-mynotes__quote">' + esc(a.exact) + "</q>" : "<em>Note on the whole paragraph</em>") +
              (a.note ? '<p class="sb-mynotes__note">' + esc(a.note) + "</p>" : "") +
              (flag ? '<p class="sb-mynotes__flag">' + flag + "</p>" : "") +
              (st.state === "gone" ? "" : '<p><a href="' + esc(href(a.path, a.block)) + '">' + esc(sec || "Go to the paragraph") + "</a></p>") +
              '<button type="button" data-sb-act="one" aria-label="Delete this note">Delete</button></li>';
          }).join("") + "</ul></section>";
      }).join("");
    }

    root.addEventListener("input", function (event) { if (event.target.matches("[data-sb-filter]")) draw(); });
    root.addEventListener("change", function (event) {
      var t = event.target;
      if (t.matches("[data-sb-filter]")) draw();
      if (t === printBox) {
        try { localStorage.setItem(PRINT_KEY, t.checked ? "1" : "0"); } catch (e) { /* the class still applies now */ }
        document.documentElement.classList.toggle("sb-print-hl", t.checked);
        announce(t.checked ? "Highlights will be printed in colour." : "Highlights will be left out of print.");
      }
      if (t.matches('[data-sb-act="import"]') && t.files.length) {
        var reader = new FileReader();
        reader.onload = function () {
          var got = parseImport(String(reader.result));
          t.value = "";
          if (got instanceof Error) { announce(got.message + " Nothing was changed.", true); return; }
          load();
          var added = merge(items, got);
          if (save("Imported " + added + " note" + (added === 1 ? "" : "s") + "; " + (got.length - added) + " already here.")) draw();
        };
        reader.readAsText(t.files[0]);
      }
    });
    root.addEventListener("click", function (event) {
      var t = event.target.closest("[data-sb-act]");
      if (!t) return;
      var act = t.getAttribute("data-sb-act"), stamp = manifest.edition + "-" + now().slice(0, 10);
      if (act === "md") { download("my-notes-" + stamp + ".md", "text/markdown", markdown(data, manifest, load())); announce("Exported your notes as Markdown."); }
      if (act === "json") { download("my-notes-" + stamp + ".json", "application/json", exportJson(load(), data)); announce("Exported your notes as JSON."); }
      var drop = null, what = "";
      if (act === "one") { var id = t.closest("li").getAttribute("data-sb-note-id"); drop = function (a) { return a.id === id; }; what = "this note"; }
      if (act === "page") { var path = t.getAttribute("data-sb-path"); drop = function (a) { return a.path === path; }; what = "every note on this page"; }
      if (act === "all") { drop = function () { return true; }; what = "all your notes in this book"; }
      if (drop && window.confirm("Delete " + what + "? This cannot be undone.")) {
        load();
        var before = items.length;
        items = items.filter(function (a) { return !drop(a); });
        if (save("Deleted " + (before - items.length) + " note" + (before - items.length === 1 ? "" : "s") + ".")) draw();
      }
    });
    draw();
  }

  // -- Start: once per page, when the browser is idle ------------------------------

  function start() {
    var root = article();
    if (!root || root.hasAttribute("data-sb-notes")) return;
    root.setAttribute("data-sb-notes", "");
    document.documentElement.classList.toggle("sb-print-hl", localStorage.getItem(PRINT_KEY) === "1");
    var data = pageData(root);
    if (!data) return;
    load();
    hideBar();
    panel = null;
    var mine = root.querySelector("[data-sb-my-notes]");
    if (mine) { page = null; myNotes(mine, data); return; }
    if (!PAGES.test(data.path)) { page = null; return; }
    page = { data: data, root: root, blocks: blocks(root) };
    render();
    root.setAttribute("data-sb-notes", "ready");
  }

  function later() {
    (window.requestIdleCallback || function (f) { window.setTimeout(f, 1); })(start, { timeout: 1500 });
  }

  // Tab from a selection goes to the bar first, wherever the caret is.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Tab" || event.shiftKey || !pending || !bar || !bar.isConnected || bar.contains(document.activeElement)) return;
    event.preventDefault();
    bar.querySelector("button").focus();
  });

  var timer = null;
  document.addEventListener("selectionchange", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(onSelection, 120);
  });
  window.studybookNotes = { locate: locate, quoteOf: quoteOf, parseImport: parseImport, merge: merge,
    exportJson: exportJson, markdown: markdown, groups: groups, status: status };
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(later);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", later);
  else later();
})();
