/* L'OTSC expliquée : la carte des membres dans le temps (page Membres seule). Un curseur (1992 à
   l'année des sources) redessine chaque pays selon son statut au 31 décembre de l'année choisie (son
   histoire est sur son lien : data-histoire="1992:membre 1999:ancien"), ses intitulés et la légende,
   qui compte les États de chaque statut. Sans script, le curseur reste caché et la carte montre la
   situation du jour. */
(function () {
  "use strict";

  function carteAnnee() {
    var figure = document.getElementById("carte");
    if (!figure || figure.dataset.pret) return;
    var boite = figure.querySelector(".carte-annee");
    var curseur = figure.querySelector("#carte-annee-curseur");
    if (!boite || !curseur) return;
    figure.dataset.pret = "1";
    var libelles = {};
    figure.dataset.libelles.split("|").forEach(function (paire) {
      var i = paire.indexOf(":");
      libelles[paire.slice(0, i)] = paire.slice(i + 1);
    });
    var pays = Array.prototype.slice.call(figure.querySelectorAll("a[data-histoire]"));
    var valeur = figure.querySelector("#carte-annee-valeur");
    var etat = figure.querySelector(".carte-annee-etat");

    function statut(lien, annee) {
      var actuel = "autre";
      lien.dataset.histoire.split(" ").forEach(function (pas) {
        var morceaux = pas.split(":");
        if (parseInt(morceaux[0], 10) <= annee) actuel = morceaux[1];
      });
      return actuel;
    }

    function dessiner() {
      var annee = parseInt(curseur.value, 10);
      var noms = {};
      pays.forEach(function (lien) {
        var s = statut(lien, annee);
        var nom = lien.dataset.nom;
        var texte = nom + "\u00a0: " + libelles[s] + " (" + annee + ")";
        lien.setAttribute("aria-label", texte);
        var chemin = lien.querySelector("path");
        chemin.setAttribute("class", s === "autre" ? "pays autre" : "pays statut-" + s);
        chemin.querySelector("title").textContent = texte;
        (noms[s] = noms[s] || {})[nom] = true;
      });
      valeur.textContent = annee;
      figure.querySelectorAll(".legende li[data-statuts]").forEach(function (li) {
        var n = 0;
        li.dataset.statuts.split(" ").forEach(function (s) { n += Object.keys(noms[s] || {}).length; });
        li.querySelector(".compte").textContent = " (" + n + ")";
      });
      var phrases = ["membre", "gele", "suspendu", "ancien"].filter(function (s) { return noms[s]; })
        .map(function (s) { return libelles[s] + "\u00a0: " + Object.keys(noms[s]).join(", "); });
      // L'année des sources n'est pas finie : la carte dit ce que disent les dernières sources.
      var quand = annee === parseInt(curseur.max, 10) ? "Selon les dernières sources (" + annee + ")" : "Fin " + annee;
      etat.textContent = quand + "\u00a0: " + (phrases.join(" ; ") || "aucun État partie") + ".";
    }

    curseur.addEventListener("input", dessiner);
    boite.hidden = false;
    dessiner();
  }

  window.otsc.pret(carteAnnee);
})();
