// lazymodule.js: a module loaded on first use, once, and usable without waiting after that.
//
// CodeMirror is half of the page's code but only an edited cell needs it, so the build
// puts the editor in a chunk of its own that the page imports when the first editor is
// made (or at idle, to have it ready). Code that can act at once when the chunk is there
// (a click carried on into the editor) asks for it with `loaded`; code that can wait
// awaits `load()`.

/**
 * Returns a loader for the module importer() imports (as `() => import("./x.js")`): load()
 * imports it once and resolves to it, sharing one import among all callers; loaded is the
 * module once that import has finished, else null. A failed import is not kept: the next
 * load() tries again (the network may be back), and the error names what was loaded.
 */
export function lazyModule(name, importer) {
  let module = null;
  let pending = null;
  return {
    /** The module, or null while it has not been imported. */
    get loaded() {
      return module;
    },
    /** Imports the module (once) and resolves to it. */
    load() {
      if (module) return Promise.resolve(module);
      pending ??= importer().then(
        (m) => {
          module = m;
          return m;
        },
        (err) => {
          pending = null;
          throw new Error(`loading the ${name}: ${err?.message ?? err}`, { cause: err });
        },
      );
      return pending;
    },
  };
}
