/* L'OTSC expliquée : pages d'ensemble de la chronologie, des sources et des corrections (chargé
   sur ces pages seules, voir le champ « scripts » de leur en-tête). Sans JavaScript, chaque page de
   période ou de sources est complète.
   - Sur /chronologie/, un formulaire cherche dans toute la chronologie (catégorie, État, période), à
     partir d'un petit fichier JSON chargé à la première recherche ; l'état des filtres vit dans
     l'adresse (?categorie=…&etat=…&periode=…). Sans script, le formulaire reste caché.
   - Les anciennes adresses (/chronologie/#evenement, /sources/#source) mènent à la page de l'ancre. */
(function () {
  "use strict";

  // Le fichier JSON d'une page d'ensemble (chronologie, sources), chargé une fois, à la demande.
  var fichiers = {};
  function charger(adresse) {
    var url = new URL(adresse, window.location.href).href;
    if (!fichiers[url]) {
      fichiers[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }
    return fichiers[url];
  }

  // Les anciennes adresses (/chronologie/#evenement, /sources/#source) mènent à la page qui porte
  // désormais l'ancre. Sans script, le lecteur reste sur la page d'ensemble, qui mène à chaque page.
  function ancres() {
    var marque = document.querySelector("[data-ancres]");
    var id;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
    if (!marque || !id || document.getElementById(id)) return;
    charger(marque.dataset.ancres).then(function (donnees) {
      // Ses propres clés seulement : « #constructor » ou « #toString » ne sont pas des ancres.
      var page = Object.prototype.hasOwnProperty.call(donnees.ancres, id) ? donnees.ancres[id] : null;
      if (typeof page === "string") window.location.replace(new URL(page, window.location.href).pathname + "#" + encodeURIComponent(id));
    }).catch(function () {});
  }

  function filtres() {
    var form = document.getElementById("filtres");
    if (!form || form.dataset.pret) return;
    form.dataset.pret = "1";
    var count = form.querySelector(".compte");
    var liste = form.querySelector(".resultats");
    var consigne = count.textContent;
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="categorie"]'));
    var labels = {};
    boxes.forEach(function (b) { labels[b.value] = b.parentNode.textContent.trim(); });
    var MAX = 300;

    function read() {
      var params = new URLSearchParams(window.location.search);
      var wanted = params.getAll("categorie");
      boxes.forEach(function (box) { box.checked = wanted.length === 0 || wanted.indexOf(box.value) !== -1; });
      form.elements.etat.value = params.get("etat") || "";
      form.elements.periode.value = params.get("periode") || "";
      return params.toString() !== "";
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

    function element(tag, text, className) {
      var el = document.createElement(tag);
      if (text) el.textContent = text;
      if (className) el.className = className;
      return el;
    }

    function apply() {
      charger(form.dataset.evenements).then(function (donnees) {
        var categories = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        var state = form.elements.etat.value;
        var period = form.elements.periode.value;
        var found = donnees.evenements.filter(function (e) {
          return categories.indexOf(e.categorie) !== -1 && (!state || e.etats.indexOf(state) !== -1) &&
            (!period || e.periode === period);
        });
        var total = donnees.evenements.length;
        liste.textContent = "";
        found.slice(0, MAX).forEach(function (e) {
          var item = element("li");
          var lien = element("a", e.titre);
          lien.href = new URL(donnees.ancres[e.id], window.location.href).pathname + "#" + e.id;
          item.appendChild(element("span", e.date + " · ", "date"));
          item.appendChild(lien);
          item.appendChild(element("span", " · " + labels[e.categorie] + (e.statut === "annoncé" ? " · annoncé" : ""), "meta"));
          liste.appendChild(item);
        });
        count.textContent = (found.length === total
          ? total + " événements, toutes périodes confondues"
          : found.length + (found.length > 1 ? " événements trouvés" : " événement trouvé") + " sur " + total) +
          (found.length > MAX ? " ; les " + MAX + " premiers sont affichés, précisez la recherche." : "");
      }).catch(function () {
        count.textContent = "La liste n’a pas pu être chargée : les pages de chaque période restent complètes.";
      });
    }

    form.addEventListener("change", function () { apply(); write(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        liste.textContent = "";
        count.textContent = consigne;
        write();
      }, 0);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    if (read()) apply();

  }

  window.otsc.pret(function () { ancres(); filtres(); });
  window.addEventListener("hashchange", ancres);
})();
