// favicon.mjs: the page's icon, drawn here rather than kept as a binary: two play
// triangles ("▸▸", the page's logo) in the accent blue on a transparent square.
//
// faviconSVG() is favicon.svg, which index.html links; faviconICO() is favicon.ico (32×32,
// 32-bit BMP inside an ICO), for browsers and tools that ask for /favicon.ico anyway.
// build.mjs writes both into the site.

const BLUE = [0x1a, 0x73, 0xe8]; // --accent in the light theme

// The two triangles, in a 32×32 box: each points right, from x0 to x0 + 12, y 6..26.
const TRIANGLES = [3, 17];

/** Whether the pixel centre (x + 0.5, y + 0.5) of a 32×32 icon is inside a triangle. */
export function inside(x, y) {
  const px = x + 0.5;
  const py = y + 0.5;
  return TRIANGLES.some((x0) => {
    if (px < x0 || py < 6 || py > 26) return false;
    const half = 10 * (1 - (px - x0) / 12); // half-height of the triangle at px
    return Math.abs(py - 16) <= half;
  });
}

/** The SVG icon. */
export function faviconSVG() {
  const hex = "#" + BLUE.map((c) => c.toString(16).padStart(2, "0")).join("");
  const paths = TRIANGLES.map((x0) => `M${x0} 6L${x0 + 12} 16L${x0} 26Z`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path fill="${hex}" d="${paths}"/></svg>\n`;
}

/** The ICO icon: one 32×32 32-bit image. */
export function faviconICO() {
  const size = 32;
  const xor = size * size * 4;
  const and = size * 4; // the AND mask: 1 bit a pixel, a row of 32 is 4 bytes
  const bmp = Buffer.alloc(40 + xor + and);
  // BITMAPINFOHEADER; height counts the XOR and AND images together.
  bmp.writeUInt32LE(40, 0);
  bmp.writeInt32LE(size, 4);
  bmp.writeInt32LE(size * 2, 8);
  bmp.writeUInt16LE(1, 12);
  bmp.writeUInt16LE(32, 14);
  bmp.writeUInt32LE(0, 16);
  bmp.writeUInt32LE(xor + and, 20);
  // Pixels bottom-up, BGRA; the AND mask stays 0 (the alpha channel decides).
  for (let row = 0; row < size; row++) {
    const y = size - 1 - row;
    for (let x = 0; x < size; x++) {
      const at = 40 + (row * size + x) * 4;
      if (inside(x, y)) {
        bmp[at] = BLUE[2];
        bmp[at + 1] = BLUE[1];
        bmp[at + 2] = BLUE[0];
        bmp[at + 3] = 255;
      }
    }
  }
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(bmp.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, bmp]);
}
