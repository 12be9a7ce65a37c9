/* Note and abbreviation tooltips, made when the reader first asks for one.
 *
 * Replaces Material's content.footnote.tooltips and content.tooltips (mkdocs.yml):
 * Material mounts a tooltip component on every note marker and every [title]
 * element of the page as it loads, which a trace of the chapter and the
 * bibliography put among the longest tasks of the load. This script does nothing
 * on load: listeners on the document (event delegation) build a tooltip on the
 * first hover, focus or tap of its host, keep it, and reuse it. It draws them
 * with Material's own tooltip styles (.md-tooltip2), so they look the same.
 *
 * - A note marker (a.footnote-ref) shows a copy of its note (role="dialog",
 *   named "Note N"); the marker names it in aria-controls and aria-describedby
 *   while it is open, so a screen reader reads the note with the marker.
 * - An element of the text with a title (an abbreviation, a link) shows the
 *   title (role="tooltip", aria-describedby); the title attribute is set aside
 *   while the tooltip shows, so the browser does not draw its own as well.
 *
 * WCAG 2.2 SC 1.4.13 (content on hover or focus): focus or hover shows it;
 * Escape hides it without moving focus or pointer, until the reader leaves the
 * host; the pointer can move onto it (250 ms of grace); nothing times it out.
 * Touch: a first tap on a note marker shows the note where the reader is (the
 * marker takes the focus), a second tap follows the link to the note, a tap
 * elsewhere closes it. A tap on an abbreviation shows its tooltip.
 * Works with instant navigation (document$) and from file:// (DOMContentLoaded).
 * No libraries, no requests.
 */
(function () {
  "use strict";
  if (window.studybookTooltips) return;

  var GRACE = 250;      // ms the tooltip waits for the pointer to reach it
  // Glossary term links have their own previews (glossary.js); headings' permalinks
  // and copy buttons carry a title that repeats their name.
  var HOSTS = "article a.footnote-ref, article :is(abbr, a):is([title], [data-sb-title])" +
    ":not(.sb-term, .headerlink)";
  var count = 0;
  var tips = new WeakMap();   // host -> its tooltip element
  var state = { host: null, tip: null, hovered: null, overTip: false, dismissed: null,
    touch: false, openAtDown: null, timer: 0 };

  function hostOf(node) {
    var host = node && node.closest ? node.closest(HOSTS) : null;
    if (!host) return null;
    var described = host.getAttribute("aria-describedby");
    if (described && described.indexOf("sb-tip-") !== 0) return null;   // described by something else
    if (host.matches("a.footnote-ref")) return host;
    return host.title || host.hasAttribute("data-sb-title") ? host : null;
  }
  function isNote(host) { return host.matches("a.footnote-ref"); }

  function build(host) {
    var note = isNote(host);
    var tip = document.createElement("div");
    tip.className = "md-tooltip2 sb-tip";
    tip.id = "sb-tip-" + (++count);
    tip.setAttribute("role", note ? "dialog" : "tooltip");
    tip.hidden = true;
    var inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    if (note) {
      var source = document.getElementById(decodeURIComponent(host.hash.slice(1)));
      if (!source) return null;
      for (var i = 0; i < source.children.length; i++) inner.appendChild(source.children[i].cloneNode(true));
      inner.querySelectorAll(".footnote-backref").forEach(function (a) { a.remove(); });
      inner.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      tip.setAttribute("aria-label", "Note " + host.textContent.trim());
    } else {
      inner.textContent = host.title || host.getAttribute("data-sb-title");
    }
    tip.appendChild(inner);
    document.body.appendChild(tip);
    tips.set(host, tip);
    return tip;
  }

  // Material's tooltip2 styles read these custom properties (its own script sets the same).
  function place(host, tip) {
    var box = host.getBoundingClientRect();
    var x = box.width / 2, y;
    tip.style.setProperty("--md-tooltip-host-x", Math.round(box.left + window.scrollX) + "px");
    tip.style.setProperty("--md-tooltip-host-y", Math.round(box.top + window.scrollY) + "px");
    if (tip.getAttribute("role") === "tooltip") {
      y = 8 + box.height;
      tip.style.setProperty("--md-tooltip-width", tip.firstChild.offsetWidth + "px");
      tip.style.setProperty("--md-tooltip-tail", "0px");
    } else if (box.top >= window.innerHeight / 2) {
      y = -16 - tip.firstChild.offsetHeight;
    } else {
      y = 16 + box.height;
    }
    tip.style.setProperty("--md-tooltip-x", x + "px");
    tip.style.setProperty("--md-tooltip-y", y + "px");
    tip.classList.toggle("md-tooltip2--top", y < 0);
    tip.classList.toggle("md-tooltip2--bottom", y >= 0);
  }

  function show(host) {
    clearTimeout(state.timer);
    if (state.host === host) return;
    hide();
    var tip = tips.get(host) || build(host);
    if (!tip) return;
    state.host = host;
    state.tip = tip;
    if (host.title) {
      host.setAttribute("data-sb-title", host.title);
      host.removeAttribute("title");
    }
    tip.hidden = false;
    place(host, tip);
    host.setAttribute("aria-describedby", tip.id);
    if (isNote(host)) host.setAttribute("aria-controls", tip.id);
    // The next frame, so that Material's fade and slide run.
    requestAnimationFrame(function () { if (state.tip === tip) tip.classList.add("md-tooltip2--active"); });
  }

  function hide() {
    clearTimeout(state.timer);
    var host = state.host, tip = state.tip;
    state.host = state.tip = null;
    state.overTip = false;
    if (!host) return;
    tip.classList.remove("md-tooltip2--active");
    tip.hidden = true;
    host.removeAttribute("aria-describedby");
    host.removeAttribute("aria-controls");
    if (host.hasAttribute("data-sb-title")) {
      host.title = host.getAttribute("data-sb-title");
      host.removeAttribute("data-sb-title");
    }
  }

  // Hide once neither pointer nor focus keeps it open.
  function release() {
    clearTimeout(state.timer);
    state.timer = setTimeout(function () {
      var host = state.host;
      if (!host || state.overTip || state.hovered === host || document.activeElement === host) return;
      hide();
    }, GRACE);
  }

  function trigger(host) {
    if (host !== state.dismissed) show(host);
  }

  document.addEventListener("mouseover", function (e) {
    var host = hostOf(e.target);
    if (host) {
      state.hovered = host;
      trigger(host);
    } else if (state.tip && state.tip.contains(e.target)) {
      state.overTip = true;
      clearTimeout(state.timer);
    }
  });

  document.addEventListener("mouseout", function (e) {
    var to = e.relatedTarget, host = hostOf(e.target);
    if (host && hostOf(to) !== host) {
      if (state.hovered === host) state.hovered = null;
      if (state.dismissed === host && document.activeElement !== host) state.dismissed = null;
      release();
    } else if (state.tip && state.tip.contains(e.target) && !state.tip.contains(to)) {
      state.overTip = false;
      release();
    }
  });

  document.addEventListener("focusin", function (e) {
    var host = hostOf(e.target);
    if (host) trigger(host);
  });

  document.addEventListener("focusout", function (e) {
    var host = hostOf(e.target);
    if (!host) return;
    if (state.dismissed === host && state.hovered !== host) state.dismissed = null;
    release();
  });

  document.addEventListener("keydown", function (e) {
    if ((e.key === "Escape" || e.key === "Esc") && state.host) {
      state.dismissed = state.host;
      hide();
    }
  });

  // Touch and pen. Focus moves to the marker before the click, so look at the note at pointerdown.
  window.addEventListener("pointerdown", function (e) {
    state.touch = e.pointerType === "touch" || e.pointerType === "pen";
    var host = hostOf(e.target);
    state.openAtDown = host && state.host === host ? host : null;
    if (state.host && host !== state.host && !(state.tip && state.tip.contains(e.target))) hide();
  }, true);

  // On window, in the capture phase: before Material's instant navigation sees the click.
  window.addEventListener("click", function (e) {
    var host = hostOf(e.target);
    if (!host || !isNote(host) || !state.touch || state.openAtDown === host) return;
    e.preventDefault();
    e.stopPropagation();   // instant navigation would still follow a same-page link
    state.dismissed = null;
    host.focus();
    show(host);
  }, true);

  window.addEventListener("resize", function () {
    if (state.host) place(state.host, state.tip);
  });

  // A new page (instant navigation): drop the last page's tooltips.
  function reset() {
    hide();
    state.hovered = state.dismissed = state.openAtDown = null;
    document.querySelectorAll("body > .sb-tip").forEach(function (tip) { tip.remove(); });
  }

  window.studybookTooltips = { reset: reset, hide: hide };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(reset);
  }
})();
