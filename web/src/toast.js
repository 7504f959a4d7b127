// toast.js: a short message that something happened ("Kernel restarted"), shown for a few
// seconds at the bottom of the window and read by screen readers (role="status").

/** How long a toast stays, in ms. */
export const TOAST_MS = 4000;

let box = null;
let timer = 0;

/** Shows message in the toast for TOAST_MS (a new message replaces the one shown). */
export function showToast(message) {
  box ??= document.getElementById("toast");
  if (!box) {
    box = document.createElement("div");
    box.id = "toast";
    box.className = "toast";
    box.setAttribute("role", "status");
    document.body.append(box);
  }
  box.textContent = message;
  box.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => (box.hidden = true), TOAST_MS);
}
