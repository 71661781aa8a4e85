/* L'OTSC expliquée : « Qui décide ? » (chargé sur cette page seule). Un formulaire applique les
   règles du bloc JSON tiré des données ; sans script, le tableau et les paragraphes qui le suivent
   disent la même chose. */
(function () {
  "use strict";

  // « Qui décide ? » : les règles viennent de data/procedure.yml (bloc JSON de la page) ; le script
  // ne fait que les appliquer et montrer la ligne du tableau et le paragraphe qui correspondent.
  function quiDecide() {
    var form = document.getElementById("qui-decide-simulateur");
    var source = document.getElementById("qui-decide-regles");
    if (!form || !source || form.dataset.pret) return;
    form.dataset.pret = "1";
    var regles = JSON.parse(source.textContent);
    var sortie = form.querySelector(".qd-resultat");
    var membres = Array.prototype.slice.call(form.querySelectorAll(".qd-membre select"));

    function issue() {
      var effets = membres.map(function (s) { return regles.effets[s.value]; });
      if (effets.indexOf("bloque") !== -1) return "bloquee";
      if (effets.indexOf("pour") === -1) return "sans-soutien";
      if (effets.indexOf("retrait") === -1) return "adoptee";
      return {oui: "format-limite", inconnu: "incertaine", non: "refusee-sans-membre"}[regles.sansMembre[form.elements.decision.value]];
    }

    function copie(element) {
      var clone = element.cloneNode(true);
      clone.removeAttribute("id");
      clone.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
      return clone;
    }

    function montrer() {
      var resultat = issue();
      var ligne = document.querySelector('tr[data-decision="' + form.elements.decision.value + '"]');
      var paragraphe = document.querySelector('.qd-issue[data-issue="' + resultat + '"]');
      sortie.textContent = "";
      sortie.dataset.issue = resultat;
      if (paragraphe) sortie.appendChild(copie(paragraphe));
      if (ligne) {
        var cellules = ligne.querySelectorAll("td");
        [["Organe et règle", 0], ["Base", 1], ["Précédents", 3]].forEach(function (c) {
          var p = document.createElement("p");
          var titre = document.createElement("strong");
          titre.textContent = c[0] + "\u00a0: ";
          p.appendChild(titre);
          Array.prototype.slice.call(copie(cellules[c[1]]).childNodes).forEach(function (n) { p.appendChild(n); });
          sortie.appendChild(p);
        });
      }
    }

    form.querySelectorAll("[data-preset]").forEach(function (bouton) {
      bouton.addEventListener("click", function () {
        var reponses = regles.prereglages[bouton.dataset.preset] || {};
        membres.forEach(function (s) { s.value = reponses[s.name] || "accord"; });
        montrer();
      });
    });
    form.addEventListener("change", montrer);
    form.addEventListener("reset", function () { setTimeout(montrer, 0); });

    montrer();
  }

  window.otsc.pret(quiDecide);
})();
