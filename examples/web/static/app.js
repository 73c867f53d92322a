// The page's JavaScript: it loads the library compiled to WebAssembly,
// then passes each action to rarenet(method, argumentJSON) and shows the
// answer. Text from documents is always set with textContent, never as
// HTML; only the library's SVG pictures (which escape their text) are
// inserted as markup.
"use strict";

const $ = (id) => document.getElementById(id);
let lastSVG = "";

function call(method, arg, bytes) {
  const json = JSON.stringify(arg || {});
  const answer = JSON.parse(bytes ? window.rarenet(method, json, bytes) : window.rarenet(method, json));
  if (answer && answer.error) throw new Error(answer.error);
  return answer;
}

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props || {});
  for (const c of children) e.append(c);
  return e;
}

// Loading: fetch the .wasm over http(s); from file:// browsers refuse
// fetch, so read the same bytes from rarenet-wasm.js.
async function load() {
  const go = new Go();
  let result;
  if (location.protocol === "file:") {
    await new Promise((resolve, reject) => {
      const s = el("script", { src: "rarenet-wasm.js", onload: resolve, onerror: reject });
      document.body.append(s);
    });
    const bin = Uint8Array.from(atob(window.RARENET_WASM), (c) => c.charCodeAt(0));
    delete window.RARENET_WASM;
    result = await WebAssembly.instantiate(bin, go.importObject);
  } else {
    result = await WebAssembly.instantiateStreaming(fetch("rarenet.wasm"), go.importObject);
  }
  go.run(result.instance);
}

window.rarenetReady = () => {
  $("embedded").disabled = false;
  $("file").disabled = false;
  $("status").textContent = "Open a network to begin.";
  $("at").value = today();
  $("picture-at").value = today();
  document.body.dataset.ready = "1";
};

function opened(answer, started) {
  const errs = $("errors");
  errs.replaceChildren();
  errs.hidden = true;
  if (!answer.ok) {
    $("status").textContent = `${answer.name} was not opened: ${answer.errors.length} problem(s), shown below next to the record each one names.`;
    for (const e of answer.errors) {
      const li = el("li");
      if (e.path) {
        li.append(el("span", { className: "where", textContent: e.path + (e.id ? ` (id ${JSON.stringify(e.id)})` : "") + (e.field ? ` › ${e.field}` : "") }), " ");
      }
      li.append(e.message);
      if (e.line) li.append(` (line ${e.line})`);
      errs.append(li);
    }
    errs.hidden = false;
    for (const id of ["audit", "doc", "pictures"]) $(id).hidden = true;
    document.body.dataset.opened = "error";
    return;
  }
  $("status").textContent = `${answer.name}: ${answer.stats}.`;
  const group = $("group");
  group.replaceChildren(...answer.groups.map((g) => el("option", { value: g.value, textContent: g.label })));
  group.value = "12";
  for (const id of ["audit", "doc", "pictures"]) $(id).hidden = false;
  $("doc-where").textContent = answer.name === "embedded"
    ? "The embedded network, in its rarenet/1 encoding (the form the evidence points into). Pick a record of a finding to see it here."
    : `${answer.name}, ${answer.lines} lines. Pick a record of a finding to see it here.`;
  $("doc-view").replaceChildren();
  document.body.dataset.opened = answer.name;
  audit(started);
  draw();
}

$("embedded").addEventListener("click", () => {
  const started = performance.now();
  opened(call("embedded"), started);
});

async function openFile(file) {
  const started = performance.now();
  $("status").textContent = `Reading ${file.name}…`;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const read = performance.now();
  const answer = call("open", { name: file.name }, bytes);
  document.body.dataset.readMs = String(Math.round(read - started));
  document.body.dataset.openMs = String(Math.round(performance.now() - read));
  opened(answer, started);
}

$("file").addEventListener("change", (ev) => {
  if (ev.target.files.length) openFile(ev.target.files[0]);
});
const drop = $("drop");
drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (ev) => {
  ev.preventDefault();
  drop.classList.remove("over");
  if (ev.dataTransfer.files.length) openFile(ev.dataTransfer.files[0]);
});

$("audit-form").addEventListener("submit", (ev) => { ev.preventDefault(); audit(performance.now()); });

function audit(started) {
  const t0 = performance.now();
  let answer;
  try {
    answer = call("audit", {
      at: $("at").value, rules: $("rules").value, skip: $("skip").value,
      coverage: $("coverage").checked, fail_on: $("fail-on").value,
    });
  } catch (e) {
    $("summary").textContent = e.message;
    $("findings").replaceChildren();
    $("downloads").hidden = true;
    return;
  }
  document.body.dataset.checkMs = String(Math.round(performance.now() - t0));
  const s = answer.summary;
  $("summary").textContent = `${answer.total} finding(s) on ${answer.at}: ${s.violation} violation(s), ${s.advice} advice, ${s.info} info.` +
    (answer.fails ? " The audit program would exit with status 1." : "");
  $("downloads").hidden = false;
  renderRules(answer.rules);
  const ms = Math.round(performance.now() - started);
  document.body.dataset.findings = String(answer.total);
  document.body.dataset.auditMs = String(ms);
}

// At most this many findings of a rule are drawn at first: a national
// document has thousands.
const perRule = 50;

// renderRules lists the rules that found something, with their counts;
// a rule's findings are fetched when it is opened, a page at a time.
function renderRules(rules) {
  const box = $("findings");
  box.replaceChildren();
  for (const r of rules) {
    const det = el("details", { className: "rule" });
    det.dataset.rule = r.rule;
    det.append(el("summary", {}, el("span", { className: `sev ${r.severity}`, textContent: r.severity }), " ",
      el("strong", { textContent: r.rule }), ` (${r.count}) `, r.title || ""));
    det.append(el("p", { className: "source", textContent: "Source: " + (r.source || "") }));
    const list = el("div");
    const show = (from) => {
      const { findings } = call("findings", { rule: r.rule, from, count: perRule });
      for (const f of findings) list.append(renderFinding(f));
      const left = r.count - from - findings.length;
      if (left > 0) {
        const more = el("button", { textContent: `Show ${Math.min(perRule, left)} more of ${left}` });
        more.addEventListener("click", () => { more.remove(); show(from + findings.length); });
        list.append(more);
      }
      det.dataset.shown = String(from + findings.length);
    };
    det.addEventListener("toggle", () => { if (det.open && !list.childElementCount) show(0); });
    det.append(list);
    box.append(det);
  }
}

function renderFinding(f) {
  const div = el("div", { className: "finding" });
  const where = [f.subject_kind, f.subject].filter(Boolean).join(" ");
  div.append(el("span", { className: "subject", textContent: where }));
  const extra = [f.year && `year ${f.year}`, f.date && `date ${f.date}`, f.group && `group ${f.group}`].filter(Boolean).join(", ");
  if (extra) div.append(` (${extra})`);
  div.append(": ", f.message || "");
  const ev = f.evidence || [];
  if (ev.length) {
    const ul = el("ul", { className: "evidence" });
    for (const e of ev) {
      const b = el("button", { type: "button", textContent: `${e.kind} ${e.id}` + (e.line ? ` (line ${e.line})` : "") });
      b.dataset.pointer = e.pointer || "";
      b.addEventListener("click", () => showRecord(e));
      ul.append(el("li", {}, "Record: ", b, " ", el("code", { textContent: e.pointer || "" })));
    }
    if (f.evidence_more) ul.append(el("li", { textContent: `and ${f.evidence_more} more` }));
    div.append(ul);
  }
  return div;
}

function showRecord(e) {
  let ex;
  try {
    ex = call("excerpt", { pointer: e.line ? "" : e.pointer, line: e.line || 0, context: 12 });
  } catch (err) {
    $("doc-where").textContent = err.message;
    return;
  }
  const view = $("doc-view");
  view.replaceChildren();
  ex.lines.forEach((text, i) => {
    const n = ex.first + i;
    const line = el("span", { className: n === ex.mark ? "mark" : "" });
    line.append(el("span", { className: "ln", textContent: String(n) }), text);
    view.append(line, "\n");
  });
  $("doc-where").textContent = `${e.kind} ${e.id} at ${e.pointer || "line " + e.line}, line ${ex.mark}.`;
  document.body.dataset.highlight = String(ex.mark);
  $("doc").scrollIntoView({ block: "nearest" });
}

// Downloads are made in the page from the answer: a Blob and a link.
function save(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

$("downloads").addEventListener("click", (ev) => {
  const format = ev.target.dataset && ev.target.dataset.download;
  if (!format) return;
  try {
    const { text } = call("download", { format });
    const type = { json: "application/json", sarif: "application/sarif+json", csv: "text/csv" }[format];
    save(`rarenet-audit.${format === "sarif" ? "sarif" : format}`, type, text);
  } catch (e) {
    $("summary").textContent = e.message;
  }
});

$("picture-form").addEventListener("submit", (ev) => { ev.preventDefault(); draw(); });
$("kind").addEventListener("change", draw);

function draw() {
  const kind = $("kind").value;
  $("group").disabled = kind !== "map";
  try {
    const { svg } = call("picture", {
      kind, at: $("picture-at").value, group: Number($("group").value), tier: $("tier").value,
    });
    lastSVG = svg;
    $("picture").innerHTML = svg;
    $("picture-status").textContent = "";
    $("svg-download").disabled = false;
    document.body.dataset.picture = kind;
  } catch (e) {
    $("picture-status").textContent = e.message;
    $("picture").replaceChildren();
    $("svg-download").disabled = true;
  }
}

$("svg-download").addEventListener("click", () => save(`rarenet-${$("kind").value}.svg`, "image/svg+xml", lastSVG));

load().catch((e) => { $("status").textContent = "The library could not be loaded: " + e.message; });
