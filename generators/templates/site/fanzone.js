/* Fanzone TV site: sortable and filterable long tables, wireframe lightbox (zoom and pan), and a clear
 * message when search cannot run. Written for this site; no library, no request to another host. */
(function () {
  "use strict";
  var LONG_TABLE = 10; // rows from which a table gets a filter box
  var fold = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var el = function (tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  };

  /* ---- tables ------------------------------------------------------------------------------ */
  var cellValue = function (row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  };
  var asNumber = function (text) {
    var clean = text.replace(/[\s\u00a0\u202f%]/g, "").replace(",", ".");
    return /^-?[0-9]+(\.[0-9]+)?$/.test(clean) ? parseFloat(clean) : null;
  };
  var collator = new Intl.Collator("fr", { numeric: true, sensitivity: "base" });

  var sortBy = function (table, index, button) {
    var body = table.tBodies[0];
    var header = button.parentNode;
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      var nx = asNumber(x), ny = asNumber(y);
      var order = nx !== null && ny !== null ? nx - ny : collator.compare(x, y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  };

  var enhanceTable = function (table, number) {
    if (!table.tHead || !table.tBodies.length || table.dataset.fzTable) return;
    table.dataset.fzTable = "1";
    var rows = table.tBodies[0].rows;
    if (rows.length < 2) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = el("button", { type: "button", class: "fz-sort", title: "Trier par cette colonne" });
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, button); });
    });
    if (rows.length < LONG_TABLE) return;
    var holder = table.closest(".md-typeset__scrollwrap") || table;
    var id = "fz-filter-" + number;
    var box = el("div", { class: "fz-filter" });
    var label = el("label", { for: id }, "Filtrer le tableau");
    var input = el("input", { id: id, type: "search", placeholder: "texte, identifiant…", autocomplete: "off" });
    var count = el("span", { class: "fz-filter-count", "aria-live": "polite" });
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(count);
    holder.parentNode.insertBefore(box, holder);
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var text = fold(row.textContent);
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = words.length ? shown + " ligne" + (shown > 1 ? "s" : "") + " sur " + rows.length : "";
    });
  };

  /* ---- wireframe lightbox ------------------------------------------------------------------- */
  var openLightbox = function (svg, title) {
    var dialog = el("dialog", { class: "fz-lightbox", "aria-label": title });
    var bar = el("div", { class: "fz-lightbox-bar" });
    var frame = el("div", { class: "fz-lightbox-frame", tabindex: "0" });
    var copy = svg.cloneNode(true);
    var box = (svg.getAttribute("viewBox") || "").split(/[\s,]+/).map(Number);
    var width = box.length === 4 && box[2] > 0 ? box[2] : svg.getBoundingClientRect().width;
    var scale = 1;
    copy.removeAttribute("style");
    copy.removeAttribute("height");
    var apply = function () {
      copy.setAttribute("width", String(Math.round(width * scale)));
      zoomLabel.textContent = Math.round(scale * 100) + " %";
    };
    var zoomLabel = el("span", { class: "fz-lightbox-zoom", "aria-live": "polite" });
    var button = function (text, label, action) {
      var b = el("button", { type: "button", "aria-label": label, title: label }, text);
      b.addEventListener("click", action);
      bar.appendChild(b);
      return b;
    };
    bar.appendChild(el("strong", {}, title));
    button("−", "Réduire", function () { scale = Math.max(0.25, scale / 1.25); apply(); });
    bar.appendChild(zoomLabel);
    button("+", "Agrandir", function () { scale = Math.min(6, scale * 1.25); apply(); });
    button("1:1", "Taille réelle", function () { scale = 1; apply(); });
    var close = button("✕", "Fermer", function () { dialog.close(); });
    close.classList.add("fz-lightbox-close");
    frame.appendChild(copy);
    dialog.appendChild(bar);
    dialog.appendChild(frame);
    var drag = null; // pan by dragging (mouse, pen or finger)
    frame.addEventListener("pointerdown", function (e) {
      if (e.target.closest("a")) return;
      drag = { x: e.clientX, y: e.clientY, left: frame.scrollLeft, top: frame.scrollTop };
    });
    frame.addEventListener("pointermove", function (e) {
      if (!drag) return;
      frame.scrollLeft = drag.left - (e.clientX - drag.x);
      frame.scrollTop = drag.top - (e.clientY - drag.y);
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      frame.addEventListener(name, function () { drag = null; });
    });
    dialog.addEventListener("close", function () { dialog.remove(); });
    document.body.appendChild(dialog);
    apply();
    dialog.showModal();
    frame.focus();
  };

  var enhanceWireframe = function (svg) {
    if (svg.dataset.fzZoom) return;
    svg.dataset.fzZoom = "1";
    var title = svg.getAttribute("aria-label") || "Maquette";
    var button = el("button", { type: "button", class: "md-button fz-zoom" }, "Agrandir la maquette");
    svg.parentNode.insertBefore(button, svg);
    button.addEventListener("click", function () { openLightbox(svg, title); });
    svg.addEventListener("click", function (e) {
      if (!e.target.closest("a")) openLightbox(svg, title);
    });
  };

  /* ---- search opened from disk -------------------------------------------------------------- */
  var searchFromDisk = function () {
    if (location.protocol !== "file:" || typeof IFrameWorker !== "undefined") return; // the shim makes it work
    var input = document.querySelector("input.md-search__input");
    if (!input) return;
    input.setAttribute("placeholder", "Recherche indisponible hors ligne");
    var meta = document.querySelector(".md-search-result__meta");
    if (meta) {
      meta.textContent = "La recherche ne peut pas fonctionner quand le site est ouvert depuis le disque sans son "
        + "index : utilisez le menu, ou ouvrez le site par un serveur web.";
    }
  };

  /* ---- accessibility ----------------------------------------------------------------------- */
  var accessible = function () {
    // diagrams: PlantUML's `alt` is not an SVG attribute; give each a name (a group when it has links)
    document.querySelectorAll("article svg.uml[alt]").forEach(function (svg) {
      if (!svg.getAttribute("aria-label")) svg.setAttribute("aria-label", svg.getAttribute("alt"));
      if (!svg.getAttribute("role")) svg.setAttribute("role", svg.querySelector("a") ? "group" : "img");
    });
    // wide diagrams scroll: reachable with the keyboard
    document.querySelectorAll("article .fz-scroll").forEach(function (frame) {
      frame.setAttribute("tabindex", "0");
      if (!frame.getAttribute("aria-label")) frame.setAttribute("aria-label", "Diagramme (défilement horizontal)");
      frame.setAttribute("role", "region");
    });
    var search = document.querySelector(".md-search");
    if (search && !search.getAttribute("aria-label")) search.setAttribute("aria-label", "Recherche");
  };

  var start = function () {
    accessible();
    document.querySelectorAll("article table").forEach(enhanceTable);
    document.querySelectorAll("article svg.fz_wireframe").forEach(enhanceWireframe);
    searchFromDisk();
  };
  if (typeof document$ !== "undefined") document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
