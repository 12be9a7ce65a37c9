/* Glossary previews: hover, focus or tap a term link to read its definition.
 *
 * The build (src/studybook/glossary/previews.py) gives every link to a glossary page
 * class="sb-term" and aria-describedby="<id>" naming a hidden role="tooltip"
 * element that holds the term's title and one-sentence definition. Screen
 * readers announce that description with the link, with or without this
 * script. This script only shows and places the tooltip, following WCAG 2.2
 * SC 1.4.13 (content on hover or focus):
 *
 * - dismissible: Esc hides it without moving focus or the pointer;
 * - hoverable: the pointer can move from the link onto the preview and the
 *   preview stays (a short grace delay and an invisible bridge cover the gap);
 * - persistent: it stays until the pointer leaves both link and preview, the
 *   link loses focus, or the reader presses Esc; nothing times it out.
 *
 * On touch screens the first tap on a term shows the preview, a second tap on
 * the same term follows the link, and a tap anywhere else closes it.
 *
 * Listeners sit on the document (event delegation), so they keep working when
 * Material's instant navigation swaps the page content; on every new page
 * (Material's document$, or DOMContentLoaded when instant navigation is off,
 * e.g. the offline copy opened from file://) the state is reset.
 * No libraries, no requests.
 */
(function () {
  "use strict";
  if (window.studybookGlossary) return; // loaded once, even if a page re-runs scripts

  var HIDE_DELAY = 300; // ms of grace while the pointer travels from link to preview
  var GAP = 6;          // px between link and preview
  var MARGIN = 8;       // px kept free at the viewport's edges

  var state = {
    link: null,        // the term link whose preview is open
    tip: null,         // the open preview element
    hovered: null,     // the term link under the pointer
    focused: null,     // the term link with keyboard focus
    overTip: false,    // pointer is on the open preview
    dismissed: null,   // link whose preview the reader closed with Esc
    touch: false,      // the last pointer was a finger or pen
    tapOpen: false,    // at pointerdown, this link's preview was already open
    timer: 0
  };

  function termLink(node) {
    return node && node.closest ? node.closest("a.sb-term[aria-describedby]") : null;
  }

  function tipOf(link) {
    var tip = document.getElementById(link.getAttribute("aria-describedby"));
    return tip && tip.classList.contains("sb-preview") ? tip : null;
  }

  // Below the link (all of it, if it wraps), starting where its last line
  // starts; above it, from its first line, when there is no room below.
  function place(link, tip) {
    var rects = link.getClientRects();
    var box = link.getBoundingClientRect();
    var first = rects.length ? rects[0] : box;
    var last = rects.length ? rects[rects.length - 1] : box;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var vw = document.documentElement.clientWidth, vh = window.innerHeight;
    var below = box.bottom + GAP;
    var above = box.top - GAP - h;
    var up = below + h > vh - MARGIN && above >= MARGIN;
    var left = Math.max(MARGIN, Math.min((up ? first : last).left, vw - w - MARGIN));
    tip.style.left = Math.round(left) + "px";
    tip.style.top = Math.round(up ? above : below) + "px";
    tip.classList.toggle("sb-preview--above", up);
  }

  function show(link) {
    var tip = tipOf(link);
    if (!tip) return;
    clearTimeout(state.timer);
    if (state.link === link && !tip.hidden) return;
    hide();
    state.link = link;
    state.tip = tip;
    tip.classList.toggle("sb-preview--touch", state.touch);
    tip.hidden = false;
    place(link, tip);
  }

  function hide() {
    clearTimeout(state.timer);
    if (state.tip) {
      state.tip.hidden = true;
      state.tip.classList.remove("sb-preview--touch");
    }
    state.link = state.tip = null;
    state.overTip = false;
  }

  // Hide once nothing keeps the preview open any more.
  function release() {
    clearTimeout(state.timer);
    state.timer = setTimeout(function () {
      if (!state.link) return;
      if (state.overTip || state.hovered === state.link || state.focused === state.link) return;
      hide();
    }, HIDE_DELAY);
  }

  // Esc's dismissal lasts until the reader leaves the link with pointer and focus.
  function forgetDismissal() {
    if (state.dismissed && state.hovered !== state.dismissed && state.focused !== state.dismissed) {
      state.dismissed = null;
    }
  }

  function trigger(link) {
    if (link !== state.dismissed) show(link);
  }

  document.addEventListener("pointerdown", function (e) {
    state.touch = e.pointerType === "touch" || e.pointerType === "pen";
    var link = termLink(e.target);
    state.tapOpen = !!link && state.link === link;
    if (state.link && !link && !(state.tip && state.tip.contains(e.target))) hide();
  }, true);

  // First tap on a term shows its preview; a second tap follows the link.
  // Capture phase, so this runs before instant navigation handles the click.
  document.addEventListener("click", function (e) {
    var link = termLink(e.target);
    if (!link || !state.touch || state.tapOpen) return;
    e.preventDefault();
    e.stopPropagation();
    state.dismissed = null;
    show(link);
  }, true);

  document.addEventListener("mouseover", function (e) {
    var link = termLink(e.target);
    if (link) {
      state.hovered = link;
      trigger(link);
    } else if (state.tip && state.tip.contains(e.target)) {
      state.overTip = true;
      clearTimeout(state.timer);
    }
  });

  document.addEventListener("mouseout", function (e) {
    var to = e.relatedTarget;
    var link = termLink(e.target);
    if (link && termLink(to) !== link) {
      if (state.hovered === link) state.hovered = null;
      forgetDismissal();
      release();
    } else if (state.tip && state.tip.contains(e.target) && !state.tip.contains(to)) {
      state.overTip = false;
      release();
    }
  });

  document.addEventListener("focusin", function (e) {
    var link = termLink(e.target);
    state.focused = link;
    if (link) trigger(link);
  });

  document.addEventListener("focusout", function (e) {
    var link = termLink(e.target);
    if (!link) return;
    if (state.focused === link) state.focused = null;
    forgetDismissal();
    release();
  });

  document.addEventListener("keydown", function (e) {
    if ((e.key === "Escape" || e.key === "Esc") && state.link) {
      state.dismissed = state.link;
      hide();
    }
  });

  function reposition() {
    if (state.link && state.tip) {
      if (!state.link.isConnected) hide();
      else place(state.link, state.tip);
    }
  }
  window.addEventListener("scroll", reposition, { passive: true });
  window.addEventListener("resize", reposition);

  // A new page: forget the last one's links and close anything left open.
  function reset() {
    hide();
    state.hovered = state.focused = state.dismissed = null;
    document.documentElement.classList.add("sb-previews-ready");
  }

  window.studybookGlossary = { reset: reset, hide: hide };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reset);
  } else {
    reset();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(reset);
  }
})();
