/* My programme without an account: the stars are kept in this browser
   (localStorage, one list per forum). Progressive enhancement: without
   JavaScript no star button appears (the programme reads the same); with an
   account the stars are server forms and this script does nothing. */
(function () {
  "use strict";
  // Filters stay folded on a phone only; a wider screen has room for them.
  const filters = document.querySelector("details.programme-filters");
  if (filters && window.matchMedia("(min-width: 768px)").matches) filters.open = true;

  const root = document.getElementById("programme");
  if (!root || root.dataset.stars !== "browser") return;
  const key = "muntada:stars:" + root.dataset.forum;

  function read() {
    try {
      const ids = JSON.parse(localStorage.getItem(key) || "[]");
      return Array.isArray(ids) ? ids.filter(Number.isInteger) : [];
    } catch (error) {
      return [];
    }
  }

  function write(ids) {
    try {
      localStorage.setItem(key, JSON.stringify(ids));
    } catch (error) {
      /* Storage full or refused (private mode): the stars last for this page. */
    }
  }

  function mineUrl(ids) {
    return root.dataset.mineUrl + "?ids=" + ids.join(",");
  }

  let stars = read();

  // "My programme" without ids in the address: show the ones this browser keeps.
  if (root.dataset.minePage === "plain" && stars.length) {
    window.location.replace(mineUrl(stars));
    return;
  }

  function show(button, starred) {
    button.setAttribute("aria-pressed", starred ? "true" : "false");
    button.className = "btn btn-sm programme-star-button " +
      (starred ? "btn-warning" : "btn-outline-secondary");
    button.textContent = (starred ? "★ " : "☆ ") +
      (starred ? root.dataset.labelUnstar : root.dataset.labelStar);
  }

  function updateLinks() {
    document.querySelectorAll(".programme-mine-link").forEach(function (link) {
      link.href = stars.length ? mineUrl(stars) : root.dataset.mineUrl;
    });
  }

  document.querySelectorAll(".programme-star[data-activity]").forEach(function (slot) {
    const id = Number(slot.dataset.activity);
    const button = document.createElement("button");
    button.type = "button";
    show(button, stars.includes(id));
    button.addEventListener("click", function () {
      stars = read();
      const starred = stars.includes(id);
      stars = starred ? stars.filter(function (other) { return other !== id; }) : stars.concat([id]);
      write(stars);
      show(button, !starred);
      updateLinks();
      if (root.dataset.minePage === "asked") {
        window.location.replace(mineUrl(stars));
      }
    });
    slot.appendChild(button);
  });
  updateLinks();
})();
