/* Fanzone TV site: client-side filters of the Kanban board (epic, assignee, sprint). No dependency, no request. */
(function () {
  "use strict";

  function setUp(board) {
    var form = board.querySelector(".fz-kanban-filters");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var cards = Array.prototype.slice.call(board.querySelectorAll(".fz-card"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var output = form.querySelector(".fz-kanban-count");

    function apply() {
      var wanted = {};
      selects.forEach(function (select) { wanted[select.dataset.filter] = select.value; });
      var shown = 0;
      cards.forEach(function (card) {
        var ok = Object.keys(wanted).every(function (key) {
          return !wanted[key] || card.dataset[key] === wanted[key];
        });
        card.parentNode.hidden = !ok;
        if (ok) shown += 1;
      });
      board.querySelectorAll("section[data-status]").forEach(function (column) {
        var visible = column.querySelectorAll("li:not([hidden]) .fz-card").length;
        var empty = column.querySelector(".fz-empty");
        if (empty) empty.hidden = visible > 0;
      });
      if (output) output.textContent = shown + " carte" + (shown > 1 ? "s" : "") + " affichée" + (shown > 1 ? "s" : "") + " sur " + cards.length;
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function init() {
    document.querySelectorAll("[data-fz-kanban]").forEach(setUp);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
