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

// A tap on a note marker shows the note; a second tap on it goes to the note.
// Material shows a note's tooltip on hover or focus, and a phone has no hover:
// a tap followed the link at once, to the list of notes at the foot of the
// page, and the reader lost their place. Now a tap (finger or pen) on a marker
// whose note is not showing gives the marker the focus, which shows the note
// where the reader is; a tap elsewhere takes the focus away and closes it, and
// so does Escape. Mouse and keyboard are unchanged.
const noteShowing = (marker) => {
  const id = marker.getAttribute("aria-controls");
  const tip = id && document.getElementById(id);
  return !!tip && tip.classList.contains("md-tooltip2--active") && tip.style.display !== "none";
};
// Focus moves to the marker before the click, so look at the note at pointerdown.
let noteTouch = false;
let openAtDown = null;
window.addEventListener("pointerdown", (event) => {
  noteTouch = event.pointerType === "touch" || event.pointerType === "pen";
  const marker = event.target.closest && event.target.closest("a.footnote-ref");
  openAtDown = marker && document.activeElement === marker && noteShowing(marker) ? marker : null;
}, true);
// On window, in the capture phase: before Material's instant navigation sees the click.
window.addEventListener("click", (event) => {
  const marker = event.target.closest && event.target.closest("a.footnote-ref");
  if (!marker || !noteTouch || openAtDown === marker) return;
  event.preventDefault();
  event.stopPropagation();   // instant navigation would still follow a same-page link
  // Closed with Escape while the marker kept the focus: show the same tooltip again.
  const id = marker.getAttribute("aria-controls");
  const tip = id && document.getElementById(id);
  if (tip && document.activeElement === marker) tip.style.display = "";
  marker.focus();
}, true);
