// share.js: carry a whole notebook in a URL hash (#nb=...), compressed, with no server.
//
// The notebook's JSON is compressed with the platform's CompressionStream("deflate-raw")
// and written in base64url, so the link has no characters that need escaping. The hash
// never reaches a server, so long notebooks cannot hit a server's URL length limit.

const PREFIX = "nb=";

async function pipeBytes(bytes, stream) {
  const body = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** Encodes bytes as base64url without padding. */
export function toBase64Url(bytes) {
  let bin = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes base64url (padding optional); throws on characters outside the alphabet. */
export function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("share link: not base64url");
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Compresses text (a notebook's JSON) into the payload of a share link. */
export async function encodeShare(text) {
  const packed = await pipeBytes(new TextEncoder().encode(text), new CompressionStream("deflate-raw"));
  return toBase64Url(packed);
}

/** Reverses encodeShare; throws an Error naming the problem when the payload is damaged. */
export async function decodeShare(payload) {
  try {
    const bytes = await pipeBytes(fromBase64Url(payload), new DecompressionStream("deflate-raw"));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (err) {
    throw new Error(`share link is damaged (was it cut short?): ${err.message}`, { cause: err });
  }
}

/** Returns the share payload from a location hash ("#nb=..."), or null when there is none. */
export function payloadFromHash(hash) {
  const h = hash.startsWith("#") ? hash.slice(1) : hash;
  return h.startsWith(PREFIX) ? h.slice(PREFIX.length) : null;
}

/** Builds a share URL: the page URL without query or hash, plus "#nb=<payload>". */
export function shareURL(pageURL, payload) {
  const url = new URL(pageURL);
  url.search = "";
  url.hash = PREFIX + payload;
  return url.toString();
}
