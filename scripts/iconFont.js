'use strict';
// Builds the Tandem product icon font (dist/tandem-icons.woff) from media/tandem.svg, with Node built-ins only.
// VS Code takes product icons (`contributes.icons`, used as $(tandem-logo) in the status bar and menus) only as a
// glyph in a font; the logo is drawn with strokes, so each stroke becomes filled outlines: a quad per segment (mitred
// where a curve bends gently) and a disc at each corner and end (round joins and caps), all wound the same way so
// the non-zero rule unites them.
const zlib = require('node:zlib');

const VIEWBOX = 24;
/** Font units per SVG unit: the 24-unit view box becomes a 240-unit em, the glyph spanning it like a codicon. */
const SCALE = 10;
const EM = VIEWBOX * SCALE;
const CODE_POINT = 0xe000;
const ARC_STEP = Math.PI / 24;
const DISC_SIDES = 16;

/** The subpaths of an SVG path as point lists; arcs and curves are flattened. */
function flattenPath(d) {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g) ?? [];
  const paths = [];
  let current = null;
  let x = 0;
  let y = 0;
  let command = '';
  let i = 0;
  const num = () => Number(tokens[i++]);
  const lineTo = (nx, ny) => {
    current.points.push([nx, ny]);
    x = nx;
    y = ny;
  };
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i])) command = tokens[i++];
    const rel = command === command.toLowerCase();
    const ox = rel ? x : 0;
    const oy = rel ? y : 0;
    switch (command.toUpperCase()) {
      case 'M':
        current = { points: [], closed: false };
        paths.push(current);
        lineTo(ox + num(), oy + num());
        command = rel ? 'l' : 'L';
        break;
      case 'L':
        lineTo(ox + num(), oy + num());
        break;
      case 'H':
        lineTo(ox + num(), y);
        break;
      case 'V':
        lineTo(x, oy + num());
        break;
      case 'A': {
        const [rx, ry, rotation, large, sweep] = [num(), num(), num(), num(), num()];
        for (const point of arcPoints(x, y, rx, ry, rotation, large, sweep, ox + num(), oy + num())) lineTo(...point);
        break;
      }
      case 'C': {
        const [x1, y1, x2, y2, ex, ey] = [ox + num(), oy + num(), ox + num(), oy + num(), ox + num(), oy + num()];
        const [sx, sy] = [x, y];
        for (let t = 1; t <= 16; t++) {
          const s = t / 16;
          const u = 1 - s;
          lineTo(u * u * u * sx + 3 * u * u * s * x1 + 3 * u * s * s * x2 + s * s * s * ex, u * u * u * sy + 3 * u * u * s * y1 + 3 * u * s * s * y2 + s * s * s * ey);
        }
        break;
      }
      case 'Z':
        current.closed = true;
        [x, y] = current.points[0];
        break;
      default:
        throw new Error(`media/tandem.svg uses path command ${command}, which scripts/iconFont.js does not draw`);
    }
  }
  return paths;
}

/** SVG arc (endpoint form) to points, after the centre conversion of the SVG spec (F.6.5). */
function arcPoints(x1, y1, rx, ry, rotationDeg, large, sweep, x2, y2) {
  const phi = (rotationDeg * Math.PI) / 180;
  const [cos, sin] = [Math.cos(phi), Math.sin(phi)];
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const xp = cos * dx + sin * dy;
  const yp = -sin * dx + cos * dy;
  const grow = Math.sqrt(Math.max(1, (xp * xp) / (rx * rx) + (yp * yp) / (ry * ry)));
  rx *= grow;
  ry *= grow;
  const factor = Math.sqrt(Math.max(0, (rx * rx * ry * ry - rx * rx * yp * yp - ry * ry * xp * xp) / (rx * rx * yp * yp + ry * ry * xp * xp)));
  const sign = large === sweep ? -1 : 1;
  const cxp = sign * factor * ((rx * yp) / ry);
  const cyp = sign * factor * (-(ry * xp) / rx);
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const angle = (ux, uy) => Math.atan2(uy, ux);
  const start = angle((xp - cxp) / rx, (yp - cyp) / ry);
  let delta = angle((-xp - cxp) / rx, (-yp - cyp) / ry) - start;
  if (sweep && delta < 0) delta += 2 * Math.PI;
  if (!sweep && delta > 0) delta -= 2 * Math.PI;
  const steps = Math.max(2, Math.ceil(Math.abs(delta) / ARC_STEP));
  const points = [];
  for (let s = 1; s <= steps; s++) {
    const t = start + (delta * s) / steps;
    points.push([cx + rx * Math.cos(t) * cos - ry * Math.sin(t) * sin, cy + rx * Math.cos(t) * sin + ry * Math.sin(t) * cos]);
  }
  points[points.length - 1] = [x2, y2];
  return points;
}

const area = (polygon) => polygon.reduce((sum, [x, y], i) => {
  const [nx, ny] = polygon[(i + 1) % polygon.length];
  return sum + x * ny - nx * y;
}, 0);

/** Filled outlines of stroked subpaths, in font units (y up), every contour clockwise. */
function strokeOutlines(paths, strokeWidth) {
  const r = (strokeWidth / 2) * SCALE;
  const contours = [];
  const disc = ([cx, cy]) => Array.from({ length: DISC_SIDES }, (_, k) => [cx + r * Math.cos((2 * Math.PI * k) / DISC_SIDES), cy + r * Math.sin((2 * Math.PI * k) / DISC_SIDES)]);
  const unitNormal = ([ax, ay], [bx, by]) => {
    const length = Math.hypot(bx - ax, by - ay);
    return [-(by - ay) / length, (bx - ax) / length];
  };
  for (const path of paths) {
    const points = path.points.map(([x, y]) => [x * SCALE, (VIEWBOX - y) * SCALE]).filter((p, k, all) => k === 0 || Math.hypot(p[0] - all[k - 1][0], p[1] - all[k - 1][1]) > 1e-6);
    if (path.closed && Math.hypot(points[0][0] - points[points.length - 1][0], points[0][1] - points[points.length - 1][1]) > 1e-6) points.push(points[0]);
    const last = points.length - 1;
    const neighbours = (k) => [points[k - 1] ?? (path.closed ? points[last - 1] : undefined), points[k + 1] ?? (path.closed ? points[1] : undefined)];
    /** Where the two offset edges meet at vertex k when the path bends gently there (a curve), else undefined. */
    const miter = (k) => {
      const [previous, next] = neighbours(k);
      if (!previous || !next) return undefined;
      const n1 = unitNormal(previous, points[k]);
      const n2 = unitNormal(points[k], next);
      const cosTurn = n1[0] * n2[0] + n1[1] * n2[1];
      if (cosTurn < Math.cos(Math.PI / 6)) return undefined;
      const [mx, my] = [n1[0] + n2[0], n1[1] + n2[1]];
      const scale = r / ((mx * n1[0] + my * n1[1]) || 1);
      return [mx * scale, my * scale];
    };
    for (let k = 0; k < last; k++) {
      const a = points[k];
      const b = points[k + 1];
      const [nx, ny] = unitNormal(a, b).map((v) => v * r);
      const at = (point, m) => (m ? [[point[0] + m[0], point[1] + m[1]], [point[0] - m[0], point[1] - m[1]]] : [[point[0] + nx, point[1] + ny], [point[0] - nx, point[1] - ny]]);
      const [aLeft, aRight] = at(a, miter(k));
      const [bLeft, bRight] = at(b, miter(k + 1 === last && path.closed ? 0 : k + 1));
      contours.push([aLeft, bLeft, bRight, aRight]);
    }
    // Round joins where the path turns sharply, round caps at open ends.
    for (let k = 0; k <= last; k++) {
      if (path.closed && k === last) continue;
      if (!miter(k)) contours.push(disc(points[k]));
    }
  }
  return contours.map((c) => c.map(([x, y]) => [Math.round(x), Math.round(y)])).map((c) => (area(c) > 0 ? c.reverse() : c));
}

/** The outlines of every <path> in the SVG, stroked with its stroke-width. */
function svgOutlines(svg) {
  const width = Number(/stroke-width="([\d.]+)"/.exec(svg)?.[1] ?? 2);
  if (!new RegExp(`viewBox="0 0 ${VIEWBOX} ${VIEWBOX}"`).test(svg)) throw new Error(`media/tandem.svg must have viewBox="0 0 ${VIEWBOX} ${VIEWBOX}"`);
  const paths = [...svg.matchAll(/<path[^>]*\sd="([^"]+)"/g)].flatMap((m) => flattenPath(m[1]));
  return strokeOutlines(paths, width);
}

// ------------------------------------------------------------------------------------------- TrueType and WOFF
const u16 = (n) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const i16 = (n) => u16(n < 0 ? n + 0x10000 : n);
const u32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const pad4 = (b) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
function checksum(buffer) {
  const b = pad4(buffer);
  let sum = 0;
  for (let k = 0; k < b.length; k += 4) sum = (sum + b.readUInt32BE(k)) >>> 0;
  return sum;
}

function glyph(contours) {
  const all = contours.flat();
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  let end = -1;
  const ends = contours.map((c) => (end += c.length));
  let [px, py] = [0, 0];
  const dx = [];
  const dy = [];
  for (const [x, y] of all) {
    dx.push(i16(x - px));
    dy.push(i16(y - py));
    [px, py] = [x, y];
  }
  // On-curve points, 16-bit deltas; OVERLAP_SIMPLE on the first point tells macOS the contours overlap on purpose.
  const flags = Buffer.from(all.map((_, k) => (k === 0 ? 0x41 : 0x01)));
  const data = Buffer.concat([i16(contours.length), ...box.map(i16), ...ends.map(u16), u16(0), flags, ...dx, ...dy]);
  return { data, box, points: all.length, contours: contours.length };
}

function nameTable(names) {
  const records = [];
  const strings = [];
  let offset = 0;
  for (const [id, text] of names) {
    const value = Buffer.from(text, 'utf16le').swap16();
    records.push(Buffer.concat([u16(3), u16(1), u16(0x409), u16(id), u16(value.length), u16(offset)]));
    strings.push(value);
    offset += value.length;
  }
  return Buffer.concat([u16(0), u16(names.length), u16(6 + 12 * names.length), ...records, ...strings]);
}

function truetype(contours) {
  const g = glyph(contours);
  const glyf = pad4(g.data);
  const [xMin, yMin, xMax, yMax] = g.box;
  const tables = {
    'OS/2': Buffer.concat([
      u16(4), i16(EM), u16(400), u16(5), u16(0), ...[EM / 2, EM / 2, 0, EM / 4, EM / 2, EM / 2, 0, EM / 4, EM / 20, EM / 4].map(i16), i16(0),
      Buffer.alloc(10), u32(0), u32(1 << 28), u32(0), u32(0), Buffer.from('TNDM'), u16(0x40), u16(CODE_POINT), u16(CODE_POINT),
      i16(EM), i16(0), i16(0), u16(EM), u16(0), u32(1), u32(0), i16(0), i16(0), u16(0), u16(0), u16(0),
    ]),
    cmap: Buffer.concat([
      u16(0), u16(1), u16(3), u16(1), u32(12),
      u16(4), u16(32), u16(0), u16(4), u16(4), u16(1), u16(0),
      u16(CODE_POINT), u16(0xffff), u16(0), u16(CODE_POINT), u16(0xffff), i16(1 - CODE_POINT), i16(1), u16(0), u16(0),
    ]),
    glyf,
    head: Buffer.concat([
      u32(0x00010000), u32(0x00010000), u32(0), u32(0x5f0f3cf5), u16(0x000b), u16(EM), Buffer.alloc(16),
      i16(xMin), i16(yMin), i16(xMax), i16(yMax), u16(0), u16(8), i16(2), i16(1), i16(0),
    ]),
    hhea: Buffer.concat([u32(0x00010000), i16(EM), i16(0), i16(0), u16(EM), i16(0), i16(Math.min(0, EM - xMax)), i16(xMax), i16(1), i16(0), i16(0), Buffer.alloc(8), i16(0), u16(2)]),
    hmtx: Buffer.concat([u16(EM), i16(0), u16(EM), i16(xMin)]),
    loca: Buffer.concat([u32(0), u32(0), u32(glyf.length)]),
    maxp: Buffer.concat([u32(0x00010000), u16(2), u16(g.points), u16(g.contours), u16(0), u16(0), u16(2), ...Array(8).fill(u16(0))]),
    name: nameTable([[1, 'Tandem Icons'], [2, 'Regular'], [3, 'Tandem Icons Regular'], [4, 'Tandem Icons Regular'], [5, 'Version 1.0'], [6, 'TandemIcons-Regular']]),
    post: Buffer.concat([u32(0x00030000), u32(0), i16(0), i16(0), u32(0), Buffer.alloc(16)]),
  };
  const tags = Object.keys(tables).sort();
  const headerSize = 12 + 16 * tags.length;
  let offset = headerSize;
  const entries = [];
  for (const tag of tags) {
    entries.push({ tag, data: tables[tag], offset, checksum: checksum(tables[tag]) });
    offset += pad4(tables[tag]).length;
  }
  const log2 = Math.floor(Math.log2(tags.length));
  const directory = Buffer.concat([
    u32(0x00010000), u16(tags.length), u16(16 * 2 ** log2), u16(log2), u16(16 * tags.length - 16 * 2 ** log2),
    ...entries.map((e) => Buffer.concat([Buffer.from(e.tag.padEnd(4)), u32(e.checksum), u32(e.offset), u32(e.data.length)])),
  ]);
  const font = Buffer.concat([directory, ...entries.map((e) => pad4(e.data))]);
  const adjustment = (0xb1b0afba - checksum(font)) >>> 0;
  font.writeUInt32BE(adjustment, entries.find((e) => e.tag === 'head').offset + 8);
  return { font, entries: entries.map((e) => ({ ...e, data: e.tag === 'head' ? font.subarray(e.offset, e.offset + e.data.length) : e.data })) };
}

/** WOFF 1.0: the same tables, each zlib-compressed when that makes it smaller. */
function woff({ font, entries }) {
  const header = 44 + 20 * entries.length;
  let offset = header;
  const parts = entries.map((e) => {
    const compressed = zlib.deflateSync(e.data, { level: 9 });
    const stored = compressed.length < e.data.length ? compressed : e.data;
    const part = { ...e, stored, at: offset };
    offset += pad4(stored).length;
    return part;
  });
  return Buffer.concat([
    Buffer.from('wOFF'), u32(0x00010000), u32(offset), u16(entries.length), u16(0), u32(font.length), u16(1), u16(0), u32(0), u32(0), u32(0), u32(0), u32(0),
    ...parts.map((p) => Buffer.concat([Buffer.from(p.tag.padEnd(4)), u32(p.at), u32(p.stored.length), u32(p.data.length), u32(p.checksum)])),
    ...parts.map((p) => pad4(p.stored)),
  ]);
}

/** media/tandem.svg's text → the WOFF font with the logo at U+E000. Deterministic: same SVG, same bytes. */
function buildIconFont(svg) {
  return woff(truetype(svgOutlines(svg)));
}

module.exports = { buildIconFont, CODE_POINT, EM };
