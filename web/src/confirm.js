// confirm.js: asking the user to confirm an action that loses something, in a dialog on
// the page (a <dialog>: modal, focus inside, Esc cancels), not the browser's confirm().

let dialog = null;

function build() {
  dialog = document.createElement("dialog");
  dialog.id = "confirm-dialog";
  dialog.setAttribute("aria-labelledby", "confirm-title");
  dialog.setAttribute("aria-describedby", "confirm-message");
  const form = document.createElement("form");
  form.method = "dialog";
  const title = document.createElement("h2");
  title.id = "confirm-title";
  const message = document.createElement("p");
  message.id = "confirm-message";
  const buttons = document.createElement("div");
  buttons.className = "dialog-buttons";
  const cancel = document.createElement("button");
  cancel.value = "cancel";
  cancel.id = "confirm-cancel";
  cancel.textContent = "Cancel";
  const ok = document.createElement("button");
  ok.value = "ok";
  ok.id = "confirm-ok";
  ok.className = "primary";
  buttons.append(cancel, ok);
  form.append(title, message, buttons);
  dialog.append(form);
  document.body.append(dialog);
}

/**
 * Asks title/message with the buttons Cancel and confirmLabel; resolves true when the
 * user confirms, false on Cancel or Esc. The focus goes back where it was.
 */
export function askConfirm({ title, message, confirmLabel = "OK" }) {
  if (!dialog) build();
  const back = document.activeElement;
  dialog.querySelector("#confirm-title").textContent = title;
  dialog.querySelector("#confirm-message").textContent = message;
  dialog.querySelector("#confirm-ok").textContent = confirmLabel;
  dialog.returnValue = "";
  dialog.showModal();
  /** @type {HTMLButtonElement} */ (dialog.querySelector("#confirm-ok")).focus();
  return new Promise((resolve) => {
    dialog.addEventListener(
      "close",
      () => {
        /** @type {HTMLElement | null} */ (back)?.focus?.({ preventScroll: true });
        resolve(dialog.returnValue === "ok");
      },
      { once: true },
    );
  });
}
