import { describe, expect, it } from 'vitest';
import { terminalField, terminalJson, terminalText } from './terminal-text';

/** Anything a terminal would act on rather than show. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminalText', () => {
  it('turns ESC sequences (colours, clear screen, window title, OSC 8 links) into visible text', () => {
    const title = '\x1b[2J\x1b[31mRed\x1b[0m\x1b]0;pwned\x07\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\';
    const safe = terminalText(title);
    expect(safe).not.toMatch(UNSAFE);
    expect(safe).toBe('?[2J?[31mRed?[0m?]0;pwned??]8;;http://x?\\link?]8;;?\\');
  });

  it('replaces every C0 control but newline and tab, DEL and every C1 control (8-bit CSI included)', () => {
    for (let c = 0; c < 0xa0; c++) {
      const ch = String.fromCharCode(c);
      const unsafe = c < 0x20 || (c >= 0x7f && c <= 0x9f);
      const expected = !unsafe || ch === '\n' || ch === '\t' ? ch : ch === '\r' ? ' ' : '?';
      expect(terminalText(ch), `U+${c.toString(16)}`).toBe(expected);
    }
  });

  it('drops bidi embeddings, overrides and isolates but keeps right-to-left text itself', () => {
    expect(terminalText('abc\u202Edcba\u202C \u2067x\u2069')).toBe('abcdcba x');
    expect(terminalText('שלום · سلام')).toBe('שלום · سلام');
  });

  it('leaves ordinary text alone, accents, CJK and emoji included', () => {
    const text = 'Björk – Jóga (北京) 🎵\n\tnext line';
    expect(terminalText(text)).toBe(text);
  });
});

describe('terminalField', () => {
  it('keeps a field on one line: newlines, tabs and line separators become spaces', () => {
    expect(terminalField('a\nb\tc\r\nd\u2028e')).toBe('a b c  d e');
    expect(terminalField('x\x1b[1Ay')).toBe('x?[1Ay');
  });
});

describe('terminalJson', () => {
  it('is the same value as JSON.stringify, with DEL, C1 and bidi controls escaped instead of raw', () => {
    const value = { title: '\x1b[31mRed\u009b2J\u007f\u202Eevil', n: 1 };
    const json = terminalJson(value);
    expect(json).not.toMatch(UNSAFE);
    expect(json).toContain('\\u001b[31mRed\\u009b2J\\u007f\\u202eevil');
    expect(JSON.parse(json)).toEqual(value);
  });
});
