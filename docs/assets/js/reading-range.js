/* Mark an assigned reading on a chapter page.
 *
 * An assignment link has the form <page>?to=<end-id>#<start-id> (made by the
 * assignment builder, teaching/assignments/). The browser scrolls to
 * #<start-id> by itself; this script marks every block from the start to the
 * end with a bar in the margin and adds a note before the first block and
 * after the last. When <end-id> is a heading, the reading runs to the end of
 * that section: up to the next heading of the same or a higher level.
 *
 * Unknown ids, or a start after the end, leave the page as it is.
 */
(function () {
  "use strict";

  var MARK = "sb-range";
  var NOTE = "sb-range-note";

  function level(el) {
    var m = /^H([1-6])$/.exec(el.tagName);
    return m ? Number(m[1]) : 0;
  }

  /* The child of `container` that holds `el`. */
  function blockOf(el, container) {
    while (el && el.parentElement !== container) el = el.parentElement;
    return el;
  }

  function plainText(el) {
    var copy = el.cloneNode(true);
    copy.querySelectorAll(".headerlink, .footnote-ref, sup").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function firstWords(el, n) {
    var words = plainText(el).split(" ");
    return words.slice(0, n).join(" ") + (words.length > n ? "\u2026" : "");
  }

  function clear(container) {
    container.querySelectorAll("." + NOTE).forEach(function (n) { n.remove(); });
    container.querySelectorAll("." + MARK).forEach(function (n) {
      n.classList.remove(MARK, MARK + "--first", MARK + "--last");
      n.style.scrollMarginTop = "";
    });
  }

  function note(text, cls) {
    var p = document.createElement("p");
    p.className = NOTE + " " + cls;
    p.setAttribute("role", "note");
    p.textContent = text;
    return p;
  }

  function apply() {
    var container = document.querySelector("article.md-content__inner") || document.querySelector("article");
    if (!container) return;
    clear(container);
    var endId = new URLSearchParams(location.search).get("to");
    // A malformed hash (#%E0%A4%A) makes decodeURIComponent throw; use it as written.
    var raw = location.hash.slice(1), startId;
    try { startId = decodeURIComponent(raw); } catch (e) { startId = raw; }
    if (!endId || !startId) return;
    var start = document.getElementById(startId);
    var end = document.getElementById(endId);
    if (!start || !end || !container.contains(start) || !container.contains(end)) return;

    var blocks = Array.prototype.filter.call(container.children, function (b) {
      return b.tagName !== "SCRIPT" && b.tagName !== "STYLE";
    });
    var first = blocks.indexOf(blockOf(start, container));
    var endBlock = blockOf(end, container);
    var last = blocks.indexOf(endBlock);
    var endLevel = level(end);
    if (endLevel) {                       // to the end of that section
      last = blocks.length - 1;
      for (var i = blocks.indexOf(endBlock) + 1; i < blocks.length; i++) {
        var l = level(blocks[i]);
        if (l && l <= endLevel) { last = i - 1; break; }
      }
      // The chapter's notes and other apparatus after the text are not part of the reading.
      while (last > first && /\bfootnote\b/.test(blocks[last].className)) last--;
    }
    if (first < 0 || last < first) return;

    for (var k = first; k <= last; k++) blocks[k].classList.add(MARK);
    blocks[first].classList.add(MARK + "--first");
    blocks[last].classList.add(MARK + "--last");

    var what = endLevel
      ? (endLevel === 1 ? "to the end of the chapter" : "to the end of the section \u201c" + plainText(end) + "\u201d")
      : "to the paragraph that begins \u201c" + firstWords(end, 8) + "\u201d";
    var before = note("Assigned reading: from here " + what + ".", NOTE + "--start");
    var jump = document.createElement("button");
    jump.type = "button";
    jump.className = NOTE + "__jump";
    jump.textContent = "Go to the end";
    jump.addEventListener("click", function () {
      var target = container.querySelector("." + NOTE + "--end");
      target.setAttribute("tabindex", "-1");
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    });
    before.appendChild(document.createTextNode(" "));
    before.appendChild(jump);
    container.insertBefore(before, blocks[first]);
    blocks[last].insertAdjacentElement("afterend", note("End of the assigned reading.", NOTE + "--end"));
    // The note sits above the start. Whoever scrolls to #start (the browser,
    // or the theme after this script), leave room for the note above it.
    var target = blocks[first];
    var header = document.querySelector(".md-header");
    var above = (header ? header.getBoundingClientRect().height : 0) + before.getBoundingClientRect().height;
    target.style.scrollMarginTop = Math.ceil(above + 16) + "px";
    target.scrollIntoView({ block: "start" });
  }

  // Material's instant navigation swaps pages without reloading scripts and
  // announces each page on document$. Where it does not (a page opened from
  // disk), run once the document is ready. Running twice does no harm.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { apply(); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
})();
