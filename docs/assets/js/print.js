// Printing a page: book.css prints the address of every external link after
// its text. Where the text already is the address (as in the notes and the
// bibliography), mark the link so that print.css does not print it twice.
// Runs on every page view (Material's document$), online and offline.
document$.subscribe(() => {
  const bare = (url) => url.trim().replace(/^https?:\/\//, "").replace(/\/$/, "");
  for (const link of document.querySelectorAll('.md-typeset a[href^="http"]')) {
    if (bare(link.textContent) === bare(link.getAttribute("href"))) {
      link.classList.add("book-url-shown");
    }
  }
});
