import { describe, expect, it } from 'vitest';
import { hostOnlyCommands, isHostOnlyCommand, isHostToMain, isMainToHost, PieceCollector, PIECE_CHARS, sendInPieces, type HostToMain } from './protocol';

describe('service host protocol guards', () => {
  it('accepts the messages main sends', () => {
    expect(isMainToHost({ type: 'start', options: { dataDir: '/d', transport: 'electron', live: true, owner: 'the Soundlike app' } })).toBe(true);
    expect(isMainToHost({ type: 'call', id: 1, service: 'library', member: 'listTracks', args: [] })).toBe(true);
    expect(isMainToHost({ type: 'media', id: 2, kind: 'track', trackId: 5 })).toBe(true);
    expect(isMainToHost({ type: 'media', id: 3, kind: 'cover', coverId: 'abc.jpg' })).toBe(true);
    expect(isMainToHost({ type: 'dialog-reply', id: 4, envelope: { ok: true, value: null } })).toBe(true);
    expect(isMainToHost({ type: 'dialog-reply', id: 4, envelope: { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'no' } } })).toBe(true);
    expect(isMainToHost({ type: 'dispose' })).toBe(true);
  });

  it('refuses malformed ones field by field', () => {
    for (const bad of [
      null, 'start', [], { type: 'nope' },
      { type: 'start', options: { dataDir: '', transport: 'electron', live: true } },
      { type: 'start', options: { dataDir: '/d', transport: 'ftp', live: true } },
      { type: 'start', options: { dataDir: '/d', transport: 'web', live: 'yes' } },
      { type: 'call', id: 0, service: 'library', member: 'listTracks', args: [] },
      { type: 'call', id: 1.5, service: 'library', member: 'listTracks', args: [] },
      { type: 'call', id: 1, service: 'library', member: 'listTracks', args: 'x' },
      { type: 'media', id: 1, kind: 'track', trackId: '5' },
      { type: 'media', id: 1, kind: 'file', path: '/etc/passwd' },
      { type: 'dialog-reply', id: 1, envelope: { ok: true } },
      { type: 'dialog-reply', id: 1, envelope: { ok: false, error: 'no' } },
    ]) expect(isMainToHost(bad), JSON.stringify(bad)).toBe(false);
  });

  it('checks what the host sends', () => {
    expect(isHostToMain({ type: 'ready', notices: ['restored'], readOnly: false })).toBe(true);
    expect(isHostToMain({ type: 'ready', notices: [1], readOnly: false })).toBe(false);
    expect(isHostToMain({ type: 'start-failed', error: { code: 'DATA_FOLDER_IN_USE', message: 'in use' } })).toBe(true);
    expect(isHostToMain({ type: 'reply', id: 1, json: '{"ok":true,"value":[1,2]}' })).toBe(true);
    expect(isHostToMain({ type: 'reply', id: 1, envelope: { ok: true, value: [1, 2] } })).toBe(false);
    expect(isHostToMain({ type: 'media-reply', id: 1, envelope: { ok: false, error: { code: 'UNKNOWN_TRACK', message: 'x' } } })).toBe(true);
    expect(isHostToMain({ type: 'event', channel: 'library:onDidChangeTracks', json: '{"version":2}' })).toBe(true);
    expect(isHostToMain({ type: 'event', channel: 'library:onDidChangeTracks', payload: { version: 2 } })).toBe(false);
    expect(isHostToMain({ type: 'dialog', id: 1, name: 'chooseMusicFolder', args: [] })).toBe(true);
    // Only the dialogs main knows: the host cannot make main run anything else.
    expect(isHostToMain({ type: 'dialog', id: 1, name: 'showItemInFolder', args: ['/'] })).toBe(false);
    expect(isHostToMain({ type: 'disposed' })).toBe(true);
  });

  it('knows the host-only commands, which are not contract commands', () => {
    expect(isHostOnlyCommand('desktop', 'openFiles')).toBe(true);
    expect(isHostOnlyCommand('desktop', 'importM3uWithDialog')).toBe(false);
    expect(isHostOnlyCommand('desktop', 'constructor')).toBe(false);
    expect(isHostOnlyCommand('__proto__', 'openFiles')).toBe(false);
    expect(hostOnlyCommands()).toContainEqual({ service: 'desktop', member: 'openFiles' });
  });
});

describe('long JSON texts in pieces', () => {
  it('sends a short text whole, a long one in pieces that join back exactly', () => {
    const sent: HostToMain[] = [];
    let stream = 0;
    const reply = (json: string, s?: number): HostToMain => ({ type: 'reply', id: 7, json, stream: s });
    sendInPieces((m) => sent.push(m), () => ++stream, '{"ok":true,"value":1}', reply);
    expect(sent).toEqual([{ type: 'reply', id: 7, json: '{"ok":true,"value":1}', stream: undefined }]);

    sent.length = 0;
    const long = JSON.stringify({ ok: true, value: 'é"x'.repeat(PIECE_CHARS) });
    sendInPieces((m) => sent.push(m), () => ++stream, long, reply);
    expect(sent.length).toBe(Math.ceil(long.length / PIECE_CHARS));
    expect(sent.slice(0, -1).every((m) => m.type === 'part' && m.stream === 1 && m.json.length === PIECE_CHARS)).toBe(true);
    for (const m of sent) expect(isHostToMain(m)).toBe(true);

    const collector = new PieceCollector();
    for (const m of sent.slice(0, -1)) if (m.type === 'part') collector.add(m.stream, m.json);
    const last = sent.at(-1) as Extract<HostToMain, { type: 'reply' }>;
    expect(collector.finish(last.json, last.stream)).toBe(long);
    // The stream is forgotten once finished.
    expect(collector.finish('tail', last.stream)).toBe('tail');
  });
});
