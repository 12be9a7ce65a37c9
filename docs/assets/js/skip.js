// The skip link moves the focus, not only the view.
// Material's "Skip to content" link points at the page's first heading. With
// instant navigation, Material takes over the click and follows the fragment a
// moment later, so a quick Tab could still start from the top of the page, and
// a screen reader is not told where it landed. Here the heading takes the focus
// at once (tabindex -1 keeps it out of the Tab order), so the next Tab starts
// inside the content and the heading is announced, with or without instant
// navigation.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a.md-skip");
  if (!link) return;
  const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
}, true);
