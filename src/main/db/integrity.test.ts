import { describe, expect, it } from 'vitest';
import { headerProblem } from './integrity';

/** A header as SQLite writes it: magic, page size, change counter, page count, version-valid-for. */
function header(pageSize: number, pages: number, counter = 7, validFor = counter): Buffer {
  const h = Buffer.alloc(100);
  h.write('SQLite format 3\0', 0, 'latin1');
  h.writeUInt16BE(pageSize === 65536 ? 1 : pageSize, 16);
  h.writeUInt32BE(counter, 24);
  h.writeUInt32BE(pages, 28);
  h.writeUInt32BE(validFor, 92);
  return h;
}

describe('headerProblem', () => {
  it('accepts a whole file', () => {
    expect(headerProblem(header(4096, 10), 40960, 0)).toBeNull();
    expect(headerProblem(header(65536, 2), 131072, 0)).toBeNull();
  });

  it('calls a 0-byte file empty', () => {
    expect(headerProblem(Buffer.alloc(0), 0, 0)).toMatch(/empty/);
  });

  it('rejects a file without the SQLite magic', () => {
    expect(headerProblem(Buffer.alloc(100, 0x41), 8192, 0)).toMatch(/SQLite header/);
  });

  it('rejects an impossible page size', () => {
    expect(headerProblem(header(1000, 1), 1000, 0)).toMatch(/page size/);
  });

  it('finds a file cut short mid-page or by whole pages', () => {
    expect(headerProblem(header(4096, 10), 40000, 0)).toMatch(/cut short/);
    expect(headerProblem(header(4096, 10), 16384, 0)).toMatch(/counts 10 pages, it holds 4/);
  });

  it('trusts a short file while its WAL holds pages, or when the page count is not valid', () => {
    expect(headerProblem(header(4096, 10), 16384, 8192)).toBeNull();
    expect(headerProblem(header(4096, 10, 7, 6), 16384, 0)).toBeNull();
  });
});
