// The product icon font (scripts/iconFont.js) is a valid WOFF whose one glyph, at the code point package.json names,
// is the logo of media/tandem.svg; the same SVG always gives the same bytes.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { readManifest } from '../../support/manifest';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildIconFont, CODE_POINT, EM } = require('../../../scripts/iconFont.js') as { buildIconFont: (svg: string) => Buffer; CODE_POINT: number; EM: number };
const SVG = readFileSync(join(__dirname, '..', '..', '..', 'media', 'tandem.svg'), 'utf8');

function sum(table: Buffer): number {
  const padded = Buffer.concat([table, Buffer.alloc((4 - (table.length % 4)) % 4)]);
  let total = 0;
  for (let i = 0; i < padded.length; i += 4) total = (total + padded.readUInt32BE(i)) >>> 0;
  return total;
}

function tablesOf(woff: Buffer): Map<string, Buffer> {
  assert.equal(woff.toString('latin1', 0, 4), 'wOFF');
  assert.equal(woff.readUInt32BE(8), woff.length, 'the header states the file length');
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < woff.readUInt16BE(12); i++) {
    const at = 44 + 20 * i;
    const [offset, stored, length, checksum] = [woff.readUInt32BE(at + 4), woff.readUInt32BE(at + 8), woff.readUInt32BE(at + 12), woff.readUInt32BE(at + 16)];
    const raw = woff.subarray(offset, offset + stored);
    const data = stored < length ? inflateSync(raw) : raw;
    const tag = woff.toString('latin1', at, at + 4);
    assert.equal(data.length, length, tag);
    const head = tag === 'head' ? Buffer.concat([data.subarray(0, 8), Buffer.alloc(4), data.subarray(12)]) : data;
    assert.equal(sum(head), checksum, `${tag} checksum`);
    tables.set(tag, data);
  }
  return tables;
}

describe('product icon font', () => {
  const font = buildIconFont(SVG);
  const tables = tablesOf(font);

  it('has the tables a TrueType font needs, and is deterministic', () => {
    assert.deepEqual([...tables.keys()].sort(), ['OS/2', 'cmap', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'name', 'post']);
    assert.equal(tables.get('head')!.readUInt32BE(12), 0x5f0f3cf5, 'head magic');
    assert.equal(tables.get('head')!.readUInt16BE(18), EM);
    assert.ok(buildIconFont(SVG).equals(font));
  });

  it('maps its code point to the logo glyph, which fills the em like a codicon', () => {
    const cmap = tables.get('cmap')!;
    const sub = cmap.readUInt32BE(8);
    assert.equal(cmap.readUInt16BE(sub), 4, 'format 4');
    assert.equal(cmap.readUInt16BE(sub + 14), CODE_POINT, 'first segment ends at the code point');
    assert.equal(cmap.readUInt16BE(sub + 20), CODE_POINT, 'and starts there');
    assert.equal((CODE_POINT + cmap.readInt16BE(sub + 24) + 0x10000) % 0x10000, 1, 'to glyph 1');
    const glyf = tables.get('glyf')!;
    const contours = glyf.readInt16BE(0);
    const [xMin, yMin, xMax, yMax] = [2, 4, 6, 8].map((o) => glyf.readInt16BE(o));
    assert.ok(contours > 10, `the strokes became outlines (${contours} contours)`);
    assert.ok(xMin >= 0 && yMin >= 0 && xMax <= EM && yMax <= EM, `inside the em: ${xMin},${yMin} – ${xMax},${yMax}`);
    assert.ok(xMax - xMin > EM * 0.7 && yMax - yMin > EM * 0.7, 'spans most of the em, as the SVG does');
  });

  it('is the font package.json contributes as tandem-logo', () => {
    const icon = readManifest().contributes.icons?.['tandem-logo'];
    assert.equal(icon?.default.fontPath, './dist/tandem-icons.woff');
    assert.equal(icon?.default.fontCharacter, `\\${CODE_POINT.toString(16).toUpperCase()}`);
    assert.match(readFileSync(join(__dirname, '..', '..', '..', '.vscodeignore'), 'utf8'), /^!dist\/tandem-icons\.woff$/m, 'packaged in the VSIX');
  });
});
