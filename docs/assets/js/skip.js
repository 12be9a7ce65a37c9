// The skip link moves the focus, not only the view.
// Material's "Skip to content" link points at the page's first heading. With
// instant navigation on, Material takes over that click and, on a page just
// opened, fetches the same page again and swaps it in: the focus falls back to
// the top of the page and a screen reader is not told where it landed. Here the
// link adds a history entry and scrolls to the heading itself, and the heading
// takes the focus (tabindex -1 keeps it out of the Tab order),
// so the next Tab starts inside the content, with or without instant navigation.
window.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a.md-skip");
  if (!link || !link.hash) return;
  let target = null;
  try { target = document.getElementById(decodeURIComponent(link.hash.slice(1))); } catch (e) { /* malformed */ }
  if (!target) return;
  event.preventDefault();
  event.stopPropagation();                   // before Material's instant navigation sees it
  // pushState, not location.hash: a popstate would start Material's page swap again.
  if (location.hash !== link.hash) history.pushState(null, "", link.hash);
  target.scrollIntoView();
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
}, true);
