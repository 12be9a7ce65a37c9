// Escape closes an open note tooltip.
// Material for MkDocs (content.footnote.tooltips) shows a note when its marker
// is hovered or focused, and keeps it open while the pointer is over it, but
// has no key to close it. WCAG 2.2 SC 1.4.13 asks that such content can be
// dismissed without moving the pointer or the focus: Escape now hides it. The
// tooltip comes back the next time the marker is hovered or focused, because
// Material builds a new one each time.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const tip of document.querySelectorAll(".md-tooltip2--active")) {
    tip.style.display = "none";
  }
});
