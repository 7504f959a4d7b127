// tabledownload.js: "Download CSV" and "Download JSON Lines" buttons on the tables a
// cell showed. The kernel wraps each table it shows as HTML in
// <div class="pushbook-export" data-pushbook-table="ID">; the buttons ask the kernel for
// the whole table (not just the rows shown) and save it as table-ID.csv or .jsonl.
//
// This module knows nothing of the kernel: a button sends a bubbling "pushbook-export"
// event whose detail is {output, table, format, respond}; whoever owns the kernel calls
// respond(promise of the text) and the button saves the file or shows why it could not.

/** The download formats: file extension, MIME type and button label. */
export const EXPORT_FORMATS = [
  { format: "csv", ext: "csv", type: "text/csv;charset=utf-8", label: "Download CSV" },
  { format: "jsonl", ext: "jsonl", type: "application/jsonl;charset=utf-8", label: "Download JSON Lines" },
];

/** The name of the event a download button sends. */
export const EXPORT_EVENT = "pushbook-export";

/** Saves text as a file called filename, as a download. */
export function saveText(filename, text, type) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = filename;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
}

/**
 * Adds download buttons before every [data-pushbook-table] element under root (sanitized
 * HTML of output). The buttons are plain <button>s: Tab reaches them, Enter and Space press them.
 */
export function addTableButtons(root, output) {
  for (const box of root.querySelectorAll("[data-pushbook-table]")) {
    const table = box.getAttribute("data-pushbook-table");
    if (!/^\d+$/.test(table)) continue;
    const bar = document.createElement("div");
    bar.className = "table-actions";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", `Download table ${table}`);
    const status = document.createElement("span");
    status.className = "table-actions-status";
    status.setAttribute("role", "status");
    for (const f of EXPORT_FORMATS) bar.appendChild(downloadButton(table, f, output, status));
    bar.appendChild(status);
    box.before(bar);
  }
}

function downloadButton(table, f, output, status) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "table-download";
  button.dataset.format = f.format;
  button.textContent = f.label;
  button.title = `${f.label}: the whole table, as table-${table}.${f.ext}`;
  button.addEventListener("click", async () => {
    status.textContent = "";
    status.classList.remove("error");
    let answer = null;
    const respond = (promise) => (answer = promise);
    button.dispatchEvent(new CustomEvent(EXPORT_EVENT, { bubbles: true, detail: { output, table: Number(table), format: f.format, respond } }));
    if (!answer) return fail(status, "No kernel is running to export this table.");
    button.disabled = true;
    try {
      saveText(`table-${table}.${f.ext}`, await answer, f.type);
      status.textContent = `Saved table-${table}.${f.ext}`;
    } catch (err) {
      fail(status, err?.message ?? String(err));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function fail(status, message) {
  status.textContent = message;
  status.classList.add("error");
}
