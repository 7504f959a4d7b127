// The page's controls (controls.js): each toolbar button and each command-mode action
// does what it says, on stand-in parts that log what they were asked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { toolbarActions, commandActions } from "../src/controls.js";
import { CommandKeys } from "../src/keys.js";

// Parts whose every method logs "part.method args" (and returns a settled promise).
function parts(log) {
  const part = (name) =>
    new Proxy(
      { selected: "sel" },
      {
        get: (target, key) => (key in target ? target[key] : (...args) => (log.push(`${name}.${String(key)}${args.length ? " " + args.join(" ") : ""}`), Promise.resolve())),
      },
    );
  return {
    selection: part("selection"),
    runner: part("runner"),
    host: part("host"),
    files: part("files"),
    autosave: part("autosave"),
    notices: part("notices"),
    dataFiles: part("dataFiles"),
    notebook: () => part("notebook"),
    view: (id) => ({ edit: () => log.push(`view ${id} edit`) }),
  };
}

const buttons = [
  ["new", ["autosave.saveNow", "files.openUntitled"]],
  ["open", ["pick notebook"]],
  ["download", ["files.download"]],
  ["share", ["files.share"]],
  ["insert-below", ["selection.insert 1"]],
  ["delete", ["selection.deleteSelected"]],
  ["move-up", ["selection.moveCell -1"]],
  ["move-down", ["selection.moveCell 1"]],
  ["run", ["selection.runFrom sel next"]],
  ["run-all", ["runner.runAll"]],
  ["stop", ["host.stop"]],
  ["restart", ["host.askRestart"]],
  ["clear", ["notebook.clearOutputs"]],
  ["reset", ["files.resetToOriginal"]],
  ["erase", ["files.eraseLocal"]],
  ["banner-close", ["notices.banner "]],
  ["add-data", ["pick data"]],
];

for (const [id, want] of buttons) {
  test(`the ${id} button does ${want.join(", then ")}`, () => {
    const log = [];
    const actions = toolbarActions(parts(log), { pickNotebook: () => log.push("pick notebook"), pickData: () => log.push("pick data") });
    actions[id]();
    assert.deepEqual(log, want);
  });
}

test("every toolbar action has its test above", () => {
  const actions = toolbarActions(parts([]), { pickNotebook() {}, pickData() {} });
  assert.deepEqual(Object.keys(actions).sort(), buttons.map(([id]) => id).sort());
});

const commands = [
  ["run-next", "selection.runFrom c1 next"],
  ["run-stay", "selection.runFrom c1 stay"],
  ["run-insert", "selection.runFrom c1 insert"],
  ["edit", "view c1 edit"],
  ["select-above", "selection.move -1"],
  ["select-below", "selection.move 1"],
  ["insert-above", "selection.insert 0"],
  ["insert-below", "selection.insert 1"],
  ["to-markdown", "selection.setType markdown"],
  ["to-code", "selection.setType code"],
  ["undo-delete", "selection.undoDelete"],
  ["delete", "selection.deleteSelected"],
  ["stop", "host.stop"],
];

for (const [action, want] of commands) {
  test(`the command ${action} does ${want}`, () => {
    const log = [];
    commandActions(parts(log))[action]("c1");
    assert.deepEqual(log, [want]);
  });
}

test("every action a command-mode key names has something to do", () => {
  const actions = commandActions(parts([]));
  const presses = [{ key: "Enter", shiftKey: true }, { key: "Enter", ctrlKey: true }, { key: "Enter", altKey: true }, ..."jkabmyzEnterArrowUpArrowDown".match(/Enter|ArrowUp|ArrowDown|[a-z]/g).map((key) => ({ key })), { key: "d" }, { key: "d" }, { key: "i" }, { key: "i" }];
  const keys = new CommandKeys();
  const named = presses.map((p) => keys.press(p)).filter(Boolean);
  assert.ok(named.length >= 13, `actions named: ${named}`);
  for (const name of named) assert.equal(typeof actions[name], "function", `no action for ${name}`);
});
