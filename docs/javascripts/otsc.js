/* L'OTSC expliquée : trois améliorations, toutes facultatives. Sans JavaScript, chaque page reste
   complète et lisible.
   1. Chronologie et sources, une page par période ou par étiquette. Sur la page d'ensemble, un
      formulaire cherche dans toute la chronologie (catégorie, État, période), à partir d'un petit
      fichier JSON chargé à la première recherche ; l'état des filtres vit dans l'adresse
      (?categorie=…&etat=…&periode=…). Les anciennes adresses (/chronologie/#evenement,
      /sources/#source) mènent à la page de l'ancre. Sans script, le formulaire reste caché et
      chaque page de période ou de sources est complète.
   2. Surlignage sans accents. L'index de recherche trouve « armenie » dans « Arménie » (champs
      ajoutés à la construction), mais Material ne surligne que les mots écrits comme la requête :
      ce script surligne, dans les résultats et sur la page ouverte depuis un résultat (?h=…), les
      mots qui commencent par un terme de la requête, accents et casse ignorés.
   3. Infobulles au clavier. Material affiche la définition d'un sigle au survol ; la première
      occurrence de chaque sigle d'une page devient atteignable avec Tab, où Material affiche la
      même infobulle. Sans script, l'attribut title reste lu par les lecteurs d'écran.
   4. Citer cette page : la date de consultation du jour et un bouton qui copie la citation. Sans
      script, la citation reste lisible et sélectionnable.
   5. « Qui décide ? » (page Fonctionnement) : un formulaire qui applique les règles du bloc JSON tiré
      des données ; sans script, le tableau et les paragraphes qui le suivent disent la même chose.
   6. Notes lues en place : au survol ou au focus d'un appel de note, la note s'affiche dans une bulle
      qu'on peut survoler, Échap la ferme. Une seule bulle, créée au premier usage, et trois écouteurs
      posés sur le document : rien ne se fait au chargement (l'infobulle de notes de Material en
      montait une par appel : 100 à 200 ms de blocage sur une page de 160 appels, Lighthouse mobile).
      Sans script, l'appel mène à la note, qui ramène à l'appel.
   7. La carte des membres dans le temps : un curseur (1992 à l'année des sources) redessine chaque
      pays selon son statut au 31 décembre de l'année choisie (son histoire est sur son lien :
      data-histoire="1992:membre 1999:ancien"), ses intitulés et la légende, qui compte les États de
      chaque statut. Sans script, le curseur reste caché et la carte montre la situation du jour. */
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


  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function terms(query) {
    return fold(query).split(/[^a-z0-9\u0400-\u04ff]+/).filter(function (t) { return t.length > 1; });
  }

  function mark(root, wanted) {
    if (!root || wanted.length === 0) return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentNode;
        return parent && parent.closest("mark, script, style, svg, .md-search-result__teaser mark")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      var pieces = [];
      var last = 0;
      text.replace(/[\p{L}\p{N}]+/gu, function (word, offset) {
        var folded = fold(word);
        if (wanted.some(function (t) { return folded.indexOf(t) === 0; })) {
          pieces.push(document.createTextNode(text.slice(last, offset)));
          var m = document.createElement("mark");
          m.textContent = word;
          pieces.push(m);
          last = offset + word.length;
        }
        return word;
      });
      if (pieces.length === 0) return;
      pieces.push(document.createTextNode(text.slice(last)));
      var fragment = document.createDocumentFragment();
      pieces.forEach(function (p) { fragment.appendChild(p); });
      node.parentNode.replaceChild(fragment, node);
    });
  }

  function results() {
    var input = document.querySelector(".md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!input || !list || list.dataset.surlignage) return;
    list.dataset.surlignage = "1";
    new MutationObserver(function () {
      var wanted = terms(input.value);
      list.querySelectorAll(".md-search-result__article").forEach(function (article) {
        if (!article.querySelector("mark")) mark(article, wanted);
      });
    }).observe(list, { childList: true, subtree: true });
  }

  function page() {
    var h = new URLSearchParams(window.location.search).get("h");
    var content = document.querySelector(".md-content article");
    if (h && content && !content.querySelector("mark")) mark(content, terms(h));
  }



  function infobulles() {
    var seen = {};
    document.querySelectorAll(".md-content article abbr[title]").forEach(function (abbr) {
      var key = abbr.textContent;
      if (seen[key]) return;
      seen[key] = true;
      abbr.tabIndex = 0;
    });
  }

  function citation() {
    var bloc = document.getElementById("citation");
    var bouton = document.querySelector(".copier-citation");
    if (!bloc || !bouton || bouton.dataset.pret) return;
    bouton.dataset.pret = "1";
    var jour = bloc.querySelector(".date-consultation");
    if (jour) {
      // Les mois écrits ici : toLocaleDateString charge les données de langue du navigateur, ce qui
      // coûtait 70 ms de blocage au chargement de chaque page (Lighthouse mobile).
      var d = new Date();
      var mois = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"][d.getMonth()];
      jour.textContent = (d.getDate() === 1 ? "1er" : String(d.getDate())) + "\u00a0" + mois + "\u00a0" + d.getFullYear();
    }
    if (!navigator.clipboard) return;
    var etat = document.querySelector(".citation-copiee");

    bouton.addEventListener("click", function () {
      navigator.clipboard.writeText(bloc.textContent.replace(/\s+/g, " ").trim()).then(function () {
        etat.textContent = "Citation copiée.";
      }, function () {
        etat.textContent = "Copie impossible : sélectionnez le texte.";
      });
    });
  }

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

  var bulle = null, appel = null, minuteur = 0;
  function montrerNote(a) {
    var note = document.getElementById(decodeURIComponent(a.hash.slice(1)));
    if (!note) return;
    clearTimeout(minuteur);
    if (!bulle) {
      bulle = document.createElement("div");
      bulle.id = "bulle-note";
      bulle.className = "bulle-note md-typeset";
      bulle.setAttribute("role", "tooltip");
      document.body.appendChild(bulle);
    }
    bulle.textContent = "";
    Array.prototype.forEach.call(note.children, function (enfant) { bulle.appendChild(enfant.cloneNode(true)); });
    bulle.querySelectorAll(".footnote-backref").forEach(function (retour) { retour.remove(); });
    bulle.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
    bulle.hidden = false;
    var r = a.getBoundingClientRect(), largeur = bulle.offsetWidth, hauteur = bulle.offsetHeight;
    var x = Math.max(8, Math.min(r.left + r.width / 2 - largeur / 2, document.documentElement.clientWidth - largeur - 8));
    var y = r.bottom + 6;
    if (y + hauteur > window.innerHeight && r.top - hauteur - 6 > 0) y = r.top - hauteur - 6;
    bulle.style.left = (x + window.scrollX) + "px";
    bulle.style.top = (y + window.scrollY) + "px";
    if (appel && appel !== a) appel.removeAttribute("aria-describedby");
    appel = a;
    a.setAttribute("aria-describedby", "bulle-note");
  }
  function cacherNote() {
    clearTimeout(minuteur);
    if (bulle) bulle.hidden = true;
    if (appel) appel.removeAttribute("aria-describedby");
    appel = null;
  }
  function appelDe(e) {
    return e.target instanceof Element ? e.target.closest("a.footnote-ref") : null;
  }
  document.addEventListener("mouseover", function (e) {
    var a = appelDe(e);
    if (a) montrerNote(a);
    else if (bulle && bulle.contains(e.target)) clearTimeout(minuteur);
    else if (appel && document.activeElement !== appel) {
      clearTimeout(minuteur);
      minuteur = setTimeout(cacherNote, 300);  // le temps de passer de l'appel à la bulle
    }
  });
  document.addEventListener("focusin", function (e) {
    var a = appelDe(e);
    if (a) montrerNote(a);
    else if (appel) cacherNote();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && appel) cacherNote();
  });
  window.addEventListener("hashchange", cacherNote);

  function init() {
    ancres();
    filtres();
    results();
    page();
    infobulles();
    citation();
    quiDecide();
    carteAnnee();
  }

  window.addEventListener("hashchange", ancres);

  // Material recharge le contenu sans recharger la page (document$) : tout est relancé à chaque fois.
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
