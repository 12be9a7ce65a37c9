/* Classroom links (README, "Classroom links"). Vanilla JavaScript, no libraries.
 *
 * 1. Copy link: every heading and body paragraph with an id gets a small
 *    button. It copies a link pinned to the edition being read
 *    (<site>/<edition>/<path>#<id>, never "latest"); the panel it opens offers
 *    the "latest" link too. Where the browser refuses to copy, the panel shows
 *    the link in a text field, selected, to copy by hand.
 * 2. Arrival: a link opened to a heading or paragraph scrolls it into view and
 *    highlights it for a few seconds (no animation under prefers-reduced-motion).
 * 3. Moved anchors: redirects.yml can declare that #old is now #new; the build
 *    writes the moves into the page and this script follows them on load.
 * 4. "Cite this page": a copy button beside each citation form.
 *
 * The edition and the page's public path come from the build
 * (the data-sb attribute of .sb-page-data, written by studybook.anchors.linkdata). The script
 * runs with Material's instant navigation (document$) and without it (the
 * offline copy on file://, where document$ may never fire): it also runs on
 * DOMContentLoaded, and does each page's work once.
 */
(function () {
  "use strict";

  var HEADINGS = "h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]";
  // A paragraph inside one of these is not a body paragraph (same rule as the build).
  var NOT_BODY = ".admonition, details, .footnote, .sb-generated, ul, ol, dl, blockquote, " +
    "figure, table, aside, nav, .tabbed-set";
  // Also no copy button inside the assignment builder: its headings and lines
  // (status, help, handout) are parts of a tool, not text to cite, and a button
  // added to its status line made the page jump as it loaded.
  var NO_TOOLS = NOT_BODY + ", .sb-builder";
  var HIGHLIGHT_MS = 4000;
  // Material Design Icons "link-variant" (Apache-2.0), as shipped with Material for MkDocs.
  var ICON = '<svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">' +
    '<path fill="currentColor" d="M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5.003 5.003 0 0 1 ' +
    "0-7.07l3.54-3.54a5.003 5.003 0 0 1 7.07 0 5.003 5.003 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a2.98 " +
    "2.98 0 0 0 0-4.24 2.98 2.98 0 0 0-4.24 0l-3.53 3.53a2.98 2.98 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5.003 " +
    "5.003 0 0 1 0 7.07l-3.54 3.54a5.003 5.003 0 0 1-7.07 0 5.003 5.003 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 " +
    '2.43l-.47.47a2.98 2.98 0 0 0 0 4.24 2.98 2.98 0 0 0 4.24 0l3.53-3.53a2.98 2.98 0 0 0 0-4.24.973.973 0 0 1 0-1.42"/></svg>';

  // -- What the build tells us ------------------------------------------------

  function readJson(root, selector) {
    var el = root.querySelector(selector);
    if (!el) return null;
    try { return JSON.parse(el.getAttribute("data-sb")); } catch (e) { return null; }
  }

  function currentArticle() {
    return document.querySelector("article.md-content__inner") || document.querySelector("article");
  }

  /* The two links to an anchor: pinned to this edition, and "latest" (null when unpublished). */
  function linksFor(data, id) {
    var hash = "#" + id;
    var root = new URL(data.base || "./", location.href);          // this build's root
    var parts = root.pathname.split("/");
    var folder = parts[parts.length - 2];                            // "/book/1.0/" -> "1.0"
    var web = root.protocol === "http:" || root.protocol === "https:";
    var published = data.edition && data.edition !== "dev";
    if (web && published && (folder === data.edition || folder === "latest")) {
      // Deployed with mike: the editions are folders side by side.
      var above = new URL("../", root).href;
      return { pinned: above + data.edition + "/" + data.path + hash,
               latest: above + "latest/" + data.path + hash, edition: data.edition };
    }
    if (published && data.site) {
      // The offline copy or a local preview: link to the published site.
      return { pinned: data.site + data.edition + "/" + data.path + hash,
               latest: data.site + "latest/" + data.path + hash, edition: data.edition };
    }
    // An unpublished build: only the address in front of the reader exists.
    return { pinned: location.href.split("#")[0] + hash, latest: null, edition: null };
  }

  // -- Copying -----------------------------------------------------------------

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return Promise.reject(new Error("The clipboard is not available here."));
  }

  var liveRegion = null;
  /* Say something to screen readers (one polite live region, outside the swapped content). */
  function announce(message) {
    if (!liveRegion || !document.body.contains(liveRegion)) {
      liveRegion = document.createElement("div");
      liveRegion.className = "sb-visually-hidden";
      liveRegion.setAttribute("role", "status");
      liveRegion.setAttribute("aria-live", "polite");
      document.body.appendChild(liveRegion);
    }
    liveRegion.textContent = "";
    window.setTimeout(function () { liveRegion.textContent = message; }, 50);
  }

  // -- The panel under a heading or paragraph (one, moved where it is needed) ---

  var panel = null;
  var state = null;   // {button, target, links, what, showing: "pinned" | "latest"}

  function buildPanel() {
    var p = document.createElement("div");
    p.className = "sb-panel";
    p.setAttribute("role", "group");
    p.hidden = true;
    p.innerHTML =
      '<p class="sb-panel__status"></p>' +
      '<label class="sb-panel__field"><span class="sb-panel__label">Link</span>' +
      '<input class="sb-panel__link" type="text" readonly spellcheck="false" autocomplete="off"></label>' +
      '<span class="sb-panel__actions">' +
      '<button type="button" class="sb-panel__other"></button>' +
      '<button type="button" class="sb-panel__close">Close</button></span>';
    p.querySelector(".sb-panel__other").addEventListener("click", function () {
      if (state) copyInto(state.showing === "pinned" ? "latest" : "pinned", true);
    });
    p.querySelector(".sb-panel__close").addEventListener("click", function () { closePanel(true); });
    p.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); closePanel(true); }
    });
    return p;
  }

  function describe(kind, links) {
    if (kind === "latest") return "the newest edition (\u201clatest\u201d)";
    return links.edition ? "edition " + links.edition : "this unpublished build";
  }

  /* Copy the pinned or the latest link and show the outcome in the panel. */
  function copyInto(kind, fromPanel) {
    var s = state;
    var url = kind === "latest" ? s.links.latest : s.links.pinned;
    s.showing = kind;
    var status = panel.querySelector(".sb-panel__status");
    var field = panel.querySelector(".sb-panel__link");
    var other = panel.querySelector(".sb-panel__other");
    field.value = url;
    panel.setAttribute("aria-label", "Link to " + s.what);
    other.hidden = !s.links.latest;
    other.textContent = kind === "latest"
      ? "Copy the link to " + describe("pinned", s.links) + " instead"
      : "Copy the link to the latest edition instead";
    copyText(url).then(function () {
      if (state !== s) return;
      panel.classList.remove("sb-panel--manual");
      var message = "Copied a link to " + s.what + " in " + describe(kind, s.links) + ".";
      if (kind === "latest") message += " It opens whatever edition is newest, where the words may have changed.";
      status.textContent = message;
      announce(message);
      if (fromPanel) other.focus();
    }, function () {
      if (state !== s) return;
      panel.classList.add("sb-panel--manual");
      var message = "This browser did not let the page copy. The link to " + describe(kind, s.links) +
        " is selected: press Ctrl+C (\u2318C on a Mac) to copy it.";
      status.textContent = message;
      announce(message);
      field.focus();
      field.select();
    });
  }

  function openPanel(button, target) {
    var data = readJson(currentArticle() || document, ".sb-page-data");
    if (!data) return;
    if (!panel) panel = buildPanel();
    if (state && state.button !== button) state.button.setAttribute("aria-expanded", "false");
    var heading = /^H[1-6]$/.test(target.tagName);
    state = {
      button: button, target: target, links: linksFor(data, target.id),
      what: heading ? (target.tagName === "H1" ? "this page" : "this section") : "this paragraph",
      showing: "pinned"
    };
    target.insertAdjacentElement("afterend", panel);
    panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
    copyInto("pinned", false);
  }

  function closePanel(returnFocus) {
    if (!panel || panel.hidden) return;
    panel.hidden = true;
    if (state) {
      state.button.setAttribute("aria-expanded", "false");
      if (returnFocus) state.button.focus();
    }
    state = null;
  }

  document.addEventListener("click", function (event) {
    if (!panel || panel.hidden) return;
    if (panel.contains(event.target) || (state && state.button.contains(event.target))) return;
    closePanel(false);
  });

  // -- Adding the controls -----------------------------------------------------

  function isBody(el, article, notBody) {
    var outside = el.parentElement && el.parentElement.closest(notBody || NOT_BODY);
    return !outside || !article.contains(outside);
  }

  function makeButton(target) {
    var heading = /^H[1-6]$/.test(target.tagName);
    var what = heading ? (target.tagName === "H1" ? "this page" : "this section") : "this paragraph";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sb-copy";
    button.setAttribute("aria-label", "Copy link to " + what);
    button.setAttribute("aria-expanded", "false");
    button.title = "Copy link to " + what;
    button.innerHTML = ICON;
    button.addEventListener("click", function () { openPanel(button, target); });
    button.addEventListener("keydown", function (event) {
      if (event.key === "Escape") closePanel(true);
    });
    return button;
  }

  /* Put the button after the last word, and keep them on one line (no lonely icon).
     Only what follows a word's last hyphen is glued: a long hyphenated word
     ("non-proliferation" in a title) can still break, so it fits a 320 px screen. */
  function attach(target, tools) {
    var last = target.lastChild;
    if (last && last.nodeType === 3) {
      var text = last.nodeValue.replace(/\s+$/, "");
      var cut = text.search(/[^\s\-\u2010\u2011\u2013\u2014]+$/);
      if (cut >= 0) {
        var glue = document.createElement("span");
        glue.className = "sb-nowrap";
        glue.textContent = text.slice(cut);
        last.nodeValue = text.slice(0, cut);
        glue.appendChild(tools);
        target.appendChild(glue);
        return;
      }
    }
    target.appendChild(tools);
  }

  function addControls(article) {
    var targets = article.querySelectorAll(HEADINGS + ", p[id]");
    Array.prototype.forEach.call(targets, function (target) {
      if (target.querySelector(".sb-anchor-tools") || !isBody(target, article, NO_TOOLS)) return;
      // One control per heading: ours replaces Material's permalink sign.
      var permalink = target.querySelector("a.headerlink");
      if (permalink) permalink.remove();
      var tools = document.createElement("span");
      tools.className = "sb-anchor-tools";
      tools.appendChild(makeButton(target));
      attach(target, tools);
    });
  }

  function addCiteButtons(article) {
    var forms = article.querySelectorAll(".sb-cite [data-sb-copy]");
    Array.prototype.forEach.call(forms, function (form) {
      if (form.querySelector(".sb-cite__copy")) return;
      var text = form.querySelector(".sb-cite__text");
      var label = "Copy the " + form.getAttribute("data-sb-copy");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sb-cite__copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", label);
      var note = document.createElement("span");
      note.className = "sb-cite__note";
      button.addEventListener("click", function () {
        copyText(text.textContent).then(function () {
          note.textContent = "Copied.";
          announce("Copied the " + form.getAttribute("data-sb-copy") + ".");
        }, function () {
          var range = document.createRange();
          range.selectNodeContents(text);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          note.textContent = "Selected: press Ctrl+C (\u2318C on a Mac) to copy.";
          announce("This browser did not let the page copy. The text is selected: press Ctrl+C to copy it.");
        });
      });
      form.appendChild(button);
      form.appendChild(note);
    });
  }

  // -- Arriving at an anchor ----------------------------------------------------

  var reducedMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;

  function hashId() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return location.hash.slice(1); }
  }

  function arrive(id) {
    var el = id ? document.getElementById(id) : null;
    var article = currentArticle();
    if (!el || !article || !article.contains(el)) return;
    el.classList.remove("sb-arrived");
    void el.offsetWidth;                       // restart the highlight on a second arrival
    el.classList.add("sb-arrived");
    window.clearTimeout(el.sbTimer);
    el.sbTimer = window.setTimeout(function () { el.classList.remove("sb-arrived"); }, HIGHLIGHT_MS);
    var box = el.getBoundingClientRect();
    if (box.top < 0 || box.top > window.innerHeight * 0.6) {
      el.scrollIntoView({ block: "start", behavior: reducedMotion && reducedMotion.matches ? "auto" : "smooth" });
    }
  }

  /* A declared move: #old is not on the page but redirects.yml says where it went. */
  function followMove() {
    var id = hashId();
    if (!id || document.getElementById(id)) return false;
    var moves = readJson(currentArticle() || document, ".sb-anchor-moves") || {};
    if (!Object.prototype.hasOwnProperty.call(moves, id)) return false;
    var target = new URL(moves[id], location.href);
    if (target.pathname === location.pathname && target.search === location.search) {
      history.replaceState(history.state, "", target.hash);
      arrive(target.hash.slice(1));
    } else {
      location.replace(target.href);
    }
    return true;
  }

  function onHash() {
    if (!followMove()) arrive(hashId());
  }

  // -- Start: once per page, with or without instant navigation ------------------

  function start() {
    var article = currentArticle();
    if (!article || article.hasAttribute("data-sb-ready")) return;
    article.setAttribute("data-sb-ready", "");
    if (panel && !document.body.contains(panel)) { panel = null; state = null; }
    addControls(article);
    addCiteButtons(article);
    onHash();
  }

  window.addEventListener("hashchange", onHash);
  if (typeof window.document$ !== "undefined" && window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { start(); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
