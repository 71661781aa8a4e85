/* L'OTSC expliquée : ce qui sert sur toutes les pages, tout facultatif. Sans JavaScript, chaque
   page reste complète et lisible. Ce qui ne sert qu'à une page est dans son propre fichier, chargé par
   elle seule (champ « scripts » de son en-tête, docs/overrides/main.html) : ensemble.js (chronologie,
   sources, corrections), qui-decide.js, carte.js (Membres).
   1. Surlignage sans accents. L'index de recherche trouve « armenie » dans « Arménie » (champs
      ajoutés à la construction), mais Material ne surligne que les mots écrits comme la requête :
      ce script surligne, dans les résultats et sur la page ouverte depuis un résultat (?h=…), les
      mots qui commencent par un terme de la requête, accents et casse ignorés.
   2. Infobulles au clavier. Material affiche la définition d'un sigle au survol ; la première
      occurrence de chaque sigle d'une page devient atteignable avec Tab, où Material affiche la
      même infobulle. Sans script, l'attribut title reste lu par les lecteurs d'écran.
   3. Citer cette page : la date de consultation du jour et un bouton qui copie la citation. Sans
      script, la citation reste lisible et sélectionnable.
   4. Notes lues en place : au survol ou au focus d'un appel de note, la note s'affiche dans une bulle
      qu'on peut survoler, Échap la ferme. Une seule bulle, créée au premier usage, et trois écouteurs
      posés sur le document : rien ne se fait au chargement (l'infobulle de notes de Material en
      montait une par appel : 100 à 200 ms de blocage sur une page de 160 appels, Lighthouse mobile).
      Sans script, l'appel mène à la note, qui ramène à l'appel. */
(function () {
  "use strict";

  // Lancé quand la page est prête (et à chaque page, si Material recharge le contenu sans recharger
  // la page : document$). Les scripts propres à une page s'en servent aussi (window.otsc.pret).
  function pret(init) {
    if (typeof document$ !== "undefined") {
      document$.subscribe(init);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  }
  window.otsc = { pret: pret };

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

  pret(function () {
    results();
    page();
    infobulles();
    citation();
  });
})();
