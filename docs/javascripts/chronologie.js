/* Filtres de la chronologie : une amélioration. Sans JavaScript, tous les événements restent visibles
   et le formulaire reste caché. L'état des filtres vit dans l'adresse (?categorie=…&etat=…&periode=…),
   pour partager une vue filtrée. */
(function () {
  "use strict";

  function init() {
    var form = document.getElementById("filtres");
    if (!form || form.dataset.pret) return;
    form.dataset.pret = "1";
    var events = Array.prototype.slice.call(document.querySelectorAll("article.evenement"));
    var sections = Array.prototype.slice.call(document.querySelectorAll("section.periode-chronologie"));
    var count = form.querySelector(".compte");
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="categorie"]'));

    function read() {
      var params = new URLSearchParams(window.location.search);
      var wanted = params.getAll("categorie");
      boxes.forEach(function (box) { box.checked = wanted.length === 0 || wanted.indexOf(box.value) !== -1; });
      form.elements.etat.value = params.get("etat") || "";
      form.elements.periode.value = params.get("periode") || "";
    }

    function write() {
      var params = new URLSearchParams();
      var checked = boxes.filter(function (b) { return b.checked; });
      if (checked.length !== boxes.length) checked.forEach(function (b) { params.append("categorie", b.value); });
      if (form.elements.etat.value) params.set("etat", form.elements.etat.value);
      if (form.elements.periode.value) params.set("periode", form.elements.periode.value);
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function apply() {
      var categories = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      var state = form.elements.etat.value;
      var period = form.elements.periode.value;
      var shown = 0;
      sections.forEach(function (section) {
        var inPeriod = !period || section.dataset.periode === period;
        var visibleHere = 0;
        section.querySelectorAll("article.evenement").forEach(function (event) {
          var ok = inPeriod && categories.indexOf(event.dataset.categorie) !== -1 &&
            (!state || (" " + event.dataset.etats + " ").indexOf(" " + state + " ") !== -1);
          event.hidden = !ok;
          if (ok) visibleHere += 1;
        });
        section.hidden = visibleHere === 0;
        shown += visibleHere;
      });
      count.textContent = shown === events.length
        ? events.length + " événements affichés"
        : shown + (shown > 1 ? " événements affichés" : " événement affiché") + " sur " + events.length;
    }

    form.addEventListener("change", function () { apply(); write(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(); write(); }, 0);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    read();
    apply();
    form.hidden = false;
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
