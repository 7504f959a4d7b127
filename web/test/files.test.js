// Where notebooks come from and go to (files.js), with a stand-in store, network and
// address: the first notebook's order of preference, notebooks only from the same site,
// the browser's copy before the site's, Download's name, Reset and Erase.
import { test } from "node:test";
import assert from "node:assert/strict";
import { NotebookFiles, originOfKey, downloadName, isNotebookFile } from "../src/files.js";
import { serializeNotebookCompact, emptyNotebook } from "../src/ipynb.js";
import { encodeShare } from "../src/share.js";
import { FakeNotices } from "./pagefakes.js";

const NB = serializeNotebookCompact(emptyNotebook());

function harness({ href = "http://site/", saved = {}, last = null, site = {}, confirmed = true } = {}) {
  const shown = [];
  const notices = new FakeNotices();
  const store = {
    copies: new Map(Object.entries(saved)),
    async load(key) {
      return this.copies.has(key) ? { text: this.copies.get(key) } : null;
    },
    last: async () => last,
    async remove(key) {
      this.copies.delete(key);
    },
    async eraseAll() {
      const n = this.copies.size;
      this.copies.clear();
      return n;
    },
  };
  const url = new URL(href);
  const files = new NotebookFiles({
    store,
    fetch: async (path) => (path in site ? { ok: true, status: 200, text: async () => site[path], json: async () => JSON.parse(site[path]) } : { ok: false, status: 404 }),
    location: () => ({ href: url.href, origin: url.origin, search: url.search, hash: url.hash }),
    show: (model, origin) => {
      shown.push(origin);
      files.origin = origin;
    },
    notebook: () => ({ model: emptyNotebook() }),
    notices,
    autosave: { saveNow: async () => {}, cancel() {}, saving: Promise.resolve() },
    confirm: () => confirmed,
    saveFile: (name, text) => shown.push({ downloaded: name, text }),
    showShareLink: (link) => shown.push({ link }),
  });
  return { files, shown, notices, store };
}

const keys = [
  { key: "url:examples/seed.ipynb", kind: "url", ref: "examples/seed.ipynb", name: "seed.ipynb" },
  { key: "file:my:notes.ipynb", kind: "file", ref: "my:notes.ipynb", name: "my:notes.ipynb" },
  { key: "shared:abc", kind: "shared", ref: "abc", name: "shared.ipynb" },
  { key: "untitled:17", kind: "untitled", ref: "17", name: "untitled.ipynb" },
];

for (const k of keys) {
  test(`the key ${k.key} names a ${k.kind} notebook called ${k.name}`, () => {
    assert.deepEqual(originOfKey(k.key), k);
  });
}

test("Download's file name ends in .ipynb, once", () => {
  assert.equal(downloadName("a.ipynb"), "a.ipynb");
  assert.equal(downloadName("a"), "a.ipynb");
  assert.equal(isNotebookFile({ name: "X.IPYNB" }), true);
  assert.equal(isNotebookFile({ name: "data.csv" }), false);
});

const initial = [
  { name: "a share link first", href: "http://site/?notebook=a.ipynb#nb=SHARE", last: "untitled:1", want: "shared" },
  { name: "then ?notebook=", href: "http://site/?notebook=a.ipynb", last: "untitled:1", want: "url:a.ipynb" },
  { name: "then the notebook shown last", href: "http://site/", last: "untitled:1", want: "untitled:1" },
  { name: "then the seed", href: "http://site/", last: null, want: "url:examples/seed.ipynb" },
];

for (const c of initial) {
  test(`the first notebook: ${c.name}`, async () => {
    const share = await encodeShare(NB);
    const { files, shown } = harness({ href: c.href.replace("SHARE", share), last: c.last, saved: { "untitled:1": NB }, site: { "a.ipynb": NB, "examples/seed.ipynb": NB } });
    files.examples = [{ name: "seed.ipynb", path: "examples/seed.ipynb" }];
    await files.openInitial();
    assert.equal(shown.length, 1);
    if (c.want === "shared") assert.equal(shown[0].kind, "shared");
    else assert.equal(shown[0].key, c.want);
  });
}

test("a notebook from another site is refused, and a new one is shown instead", async () => {
  const { files, shown, notices } = harness({ href: "http://site/?notebook=http://evil/x.ipynb" });
  await files.openInitial();
  assert.match(notices.bannerText, /^Refused to open http:\/\/evil\/x.ipynb: only notebooks from this site/);
  assert.equal(shown[0].kind, "untitled");
});

test("a notebook the site does not have says so", async () => {
  const { files } = harness();
  await assert.rejects(files.openURL("missing.ipynb"), /Could not open missing.ipynb: HTTP 404/);
});

test("the browser's copy of a site notebook comes first, unless fresh", async () => {
  const { files, notices, shown } = harness({ saved: { "url:a.ipynb": NB } });
  await files.openURL("a.ipynb");
  assert.equal(notices.statusText, "Restored your edits saved in this browser");
  await assert.rejects(files.openURL("a.ipynb", { fresh: true }), /HTTP 404/, "fresh: from the site");
  assert.equal(shown.length, 1);
});

test("Reset to original drops the browser's copy and opens the site's", async () => {
  const { files, store, notices, shown } = harness({ saved: { "url:a.ipynb": NB }, site: { "a.ipynb": NB } });
  await files.openURL("a.ipynb");
  await files.resetToOriginal();
  assert.equal(store.copies.has("url:a.ipynb"), false);
  assert.equal(notices.statusText, "Restored the original");
  assert.equal(shown.length, 2);
});

test("Erase local data erases every copy and says how many", async () => {
  const { files, notices, shown } = harness({ saved: { "untitled:1": NB, "url:a.ipynb": NB } });
  await files.openKey("untitled:1");
  await files.eraseLocal();
  assert.equal(notices.statusText, "Erased 2 saved items");
  assert.equal(shown.at(-1).kind, "untitled");
});

test("a file that is not a notebook says so and the notebook shown stays", async () => {
  const { files, notices, shown } = harness();
  await files.openFile({ name: "bad.ipynb", text: async () => "{" });
  assert.match(notices.bannerText, /^Could not open bad.ipynb: /);
  assert.equal(shown.length, 0);
});

test("Download and Share link hand the notebook on", async () => {
  const { files, shown } = harness({ site: { "a.ipynb": NB } });
  await files.openURL("a.ipynb");
  files.download();
  assert.equal(shown.at(-1).downloaded, "a.ipynb");
  await files.share();
  assert.match(shown.at(-1).link, /^http:\/\/site\/.*#nb=/);
});

test("cells' file names resolve next to a site notebook, else at the site's root", async () => {
  const { files } = harness({ href: "http://site/book/", site: { "examples/a.ipynb": NB } });
  assert.equal(files.dataBase(), null, "no notebook yet");
  await files.openURL("examples/a.ipynb");
  assert.equal(files.dataBase(), "http://site/book/examples/a.ipynb");
  files.openUntitled();
  assert.equal(files.dataBase(), "http://site/book/");
});
