// Layout and touch-target checks for one page, run in one page.evaluate by
// tests/browser/test_phone.py. Returns a list of problems, each naming the element.
// Argument: {gutter: px of free space required beside body text, target: px (WCAG 2.2 SC 2.5.8)}.
({gutter, target}) => {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const article = document.querySelector("article.md-content__inner") || document.querySelector("article");

  // A short, readable name for an element: tag, id, classes, and the start of its text.
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    const cls = (el.getAttribute("class") || "").trim().split(/\s+/).filter(Boolean).slice(0, 3);
    if (cls.length) s += "." + cls.join(".");
    const text = (el.textContent || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return text ? `${s} ("${text}")` : s;
  };
  const visible = (el) => {
    if (!el.getClientRects().length) return false;
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none" && Number(style.opacity) > 0;
  };
  // The nearest ancestor that clips or scrolls sideways (the element's own box to scroll in).
  const scroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return p;
    }
    return null;
  };
  // Material's drawer and search sit off screen or hidden until opened: not part of the page a reader sees.
  const offCanvas = (el) => !!el.closest(".md-sidebar, .md-search, .md-overlay, .md-tooltip, .md-tooltip2, [hidden]");

  // 1. Nothing sticks out: the document is never wider than the viewport.
  const docWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  if (docWidth > vw) {
    const culprits = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (offCanvas(el) || !visible(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.right <= vw + 0.5 && box.left >= -0.5) continue;
      const clip = scroller(el);
      if (clip) {
        const c = clip.getBoundingClientRect();
        if (c.right <= vw + 0.5 && c.left >= -0.5) continue;   // scrolls inside a box that fits
      }
      // Report the outermost culprit only.
      if (culprits.some((c) => c.contains(el))) continue;
      culprits.push(el);
    }
    problems.push(`the document is ${docWidth}px wide in a ${vw}px viewport; sticking out: ` +
      (culprits.slice(0, 5).map((el) => `${name(el)} [${Math.round(el.getBoundingClientRect().left)}..` +
        `${Math.round(el.getBoundingClientRect().right)}]`).join(", ") || "(nothing visible)"));
  }

  if (article) {
    // 2. Body text keeps a gutter on both sides.
    for (const el of article.querySelectorAll(":scope > p, :scope > h1, :scope > h2, :scope > h3, :scope > ul, :scope > ol")) {
      if (!visible(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.left < gutter - 0.5 || vw - box.right < gutter - 0.5) {
        problems.push(`body text ${name(el)} has a gutter of ${Math.round(box.left)}px left and ` +
          `${Math.round(vw - box.right)}px right (needs ${gutter}px)`);
        break;   // one is enough: they share the column
      }
    }

    // 3. Tables and code scroll inside their own box, and that box fits.
    for (const el of article.querySelectorAll("table, pre")) {
      if (!visible(el) || el.closest(".sb-preview, [hidden]")) continue;
      const box = el.getBoundingClientRect();
      const clip = scroller(el);
      const frame = clip ? clip.getBoundingClientRect() : box;
      if (frame.left < -0.5 || frame.right > vw + 0.5) {
        problems.push(`${name(el)} ${clip ? "scrolls in " + name(clip) + " which" : ""} spans ` +
          `${Math.round(frame.left)}..${Math.round(frame.right)}px of a ${vw}px viewport`);
      } else if (!clip && (box.right > vw + 0.5)) {
        problems.push(`${name(el)} is wider than the screen and has no box to scroll in`);
      }
    }

    // 4. The listed blocks fit on the screen.
    const BLOCKS = [".admonition", "details", "figure", ".sb-cite", ".sb-builder", ".sb-handout",
      ".bib-entry", ".sb-az", ".sb-panel", "form", "blockquote", "dl"];
    for (const el of article.querySelectorAll(BLOCKS.join(", "))) {
      if (!visible(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.left < -0.5 || box.right > vw + 0.5) {
        problems.push(`${name(el)} spans ${Math.round(box.left)}..${Math.round(box.right)}px of a ${vw}px viewport`);
      }
    }
  }

  // 5. Targets: at least target x target CSS px, or spaced so that a circle of that
  //    diameter centred on each undersized target meets no other target (SC 2.5.8).
  //    Exempt as the criterion allows: links inside a sentence (inline) and controls
  //    the browser draws unchanged (user agent).
  const CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [role=button], [role=tab], [tabindex]:not([tabindex='-1'])";
  const targets = [];
  for (const el of document.querySelectorAll(CONTROLS)) {
    if (offCanvas(el) || !visible(el)) continue;
    if (el.matches("[tabindex]") && !el.matches("a, button, input, select, textarea, summary")
        && !el.matches("[role]")) continue;   // a focusable region (a scroll box), not a control
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.bottom < 0 || box.right < 0 || box.left > vw) continue;
    const style = getComputedStyle(el);
    const inline = el.matches("a") && style.display === "inline" &&
      el.parentElement && /^(inline|block|list-item|table-cell)/.test(getComputedStyle(el.parentElement).display) &&
      !!el.closest("p, li, td, th, dd, dt, figcaption, blockquote, .md-typeset__table, .sb-preview, .footnote, .md-footer-meta, .md-copyright, h1, h2, h3, h4, h5, h6");
    if (inline) continue;
    targets.push({el, box, small: box.width < target - 0.5 || box.height < target - 0.5});
  }
  const centre = (b) => [b.left + b.width / 2, b.top + b.height / 2];
  const distToRect = ([x, y], b) => {
    const dx = Math.max(b.left - x, 0, x - b.right), dy = Math.max(b.top - y, 0, y - b.bottom);
    return Math.hypot(dx, dy);
  };
  const r = target / 2;
  const reported = new Set();
  for (const t of targets) {
    if (!t.small) continue;
    const c = t.box && centre(t.box);
    for (const o of targets) {
      if (o === t || o.el.contains(t.el) || t.el.contains(o.el)) continue;
      // The circle meets the other target, or the other (undersized) target's circle.
      const clash = o.small ? Math.hypot(c[0] - centre(o.box)[0], c[1] - centre(o.box)[1]) < target - 0.5
                            : distToRect(c, o.box) < r - 0.5;
      if (clash && !reported.has(t.el)) {
        reported.add(t.el);
        problems.push(`control ${name(t.el)} is ${Math.round(t.box.width)}x${Math.round(t.box.height)}px ` +
          `and too close to ${name(o.el)} (WCAG 2.2 SC 2.5.8 needs ${target}x${target}px or spacing)`);
      }
    }
  }
  return problems;
}
