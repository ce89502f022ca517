// The SPARQL editor: run the query in the page and show the answer as a table.
// Example and saved queries are one click away. Served from /static/ (no inline script).
"use strict";
(function () {
  const form = document.getElementById("sparql");
  if (!form) return;
  const textarea = document.getElementById("query");
  const results = document.getElementById("results");
  const saved = document.getElementById("saved");
  const base = form.dataset.base || "";
  const basePath = form.dataset.basePath || "/id/";

  function local(iri) {
    if (!base || !iri.startsWith(base)) return iri;
    const rest = iri.slice(base.length);
    if (rest.startsWith("cable/") && rest.indexOf("/", 6) < 0) return "/" + rest;
    return basePath + rest;
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = local(term.value);
      a.textContent = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.value;
    }
    return td;
  }

  function show(answer) {
    results.replaceChildren();
    if (typeof answer.boolean === "boolean") {
      results.textContent = answer.boolean ? "true" : "false";
      return;
    }
    const vars = answer.head.vars;
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const name of vars) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const binding of answer.results.bindings) {
      const row = body.insertRow();
      for (const name of vars) row.appendChild(cell(binding[name]));
    }
    const count = document.createElement("p");
    const n = answer.results.bindings.length;
    count.textContent = n + (n === 1 ? " row" : " rows");
    results.append(count, table);
  }

  async function run(url, init) {
    results.textContent = "Running…";
    try {
      const response = await fetch(url, init);
      const type = response.headers.get("content-type") || "";
      if (!response.ok) {
        const p = document.createElement("p");
        p.className = "error";
        p.textContent = response.status + " " + (await response.text());
        results.replaceChildren(p);
      } else if (type.includes("json") && !type.includes("ld+json")) {
        show(await response.json());
      } else {
        const pre = document.createElement("pre");
        pre.textContent = await response.text();
        results.replaceChildren(pre);
      }
    } catch (error) {
      results.textContent = "The query could not be sent: " + error;
    }
  }

  function runText() {
    const body = new URLSearchParams({ query: textarea.value });
    run(form.action, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/sparql-results+json, text/turtle;q=0.9",
      },
      body,
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    runText();
  });
  textarea.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runText();
    }
  });
  saved.addEventListener("click", async function (event) {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.query) {
      textarea.value = button.dataset.query;
      runText();
    } else if (button.dataset.saved) {
      const text = await fetch(button.dataset.text);
      textarea.value = await text.text();
      run(button.dataset.saved, { headers: { Accept: "application/sparql-results+json" } });
    }
  });

  // The saved queries (queries/*.rq), run with their example parameters.
  fetch("/queries", { headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : { queries: [] }))
    .then((listed) => {
      for (const query of listed.queries) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "plain";
        button.textContent = query.title || query.name;
        button.title = query.description || "";
        button.dataset.saved = query.url + "?" + new URLSearchParams(query.example || {});
        button.dataset.text = query.text;
        saved.appendChild(button);
      }
    })
    .catch(() => {});

  const initial = new URLSearchParams(location.search).get("query");
  if (initial) {
    textarea.value = initial;
    runText();
  }
})();
