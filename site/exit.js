// Quick exit. The "Leave this site" link and the Esc key replace this page with a
// neutral one: location.replace() takes the page out of the tab's history, so Back
// does not return here. With scripts off the link still leaves (as a plain link), but
// Back returns here: no link or refresh can remove a page from history without a
// script, so the frame's <noscript> line says to close the tab.
// The frame puts this script after the safety header, not in the head: the parser
// stops at it and the first screen is painted before the rest of the page is read.
// The handlers are on the document, so they work as soon as the script has run.
(function () {
  "use strict";
  var away = "__EXIT_URL__";
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.documentElement.style.display = "none";
    document.title = "";
    window.location.replace(away);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") { leave(event); }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.exit") : null;
    if (link) { leave(event); }
  });
}());
