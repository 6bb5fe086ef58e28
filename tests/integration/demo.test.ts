/**
 * `npm run demo` as a newcomer runs it (the real script, the real sound model, the demo library, a fresh
 * data folder): under two minutes it prints one radio with why each song was picked, then serves the
 * player, and the served queue is that radio: the seed first, then the printed picks in order.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/shared/errors';
import type { QueueState, RadioSession, Track } from '../../src/shared/domain';
import { commandPath } from '../../src/shared/web-protocol';
import { startDemo, type RunningDemo } from '../e2e/support/demo-run';
import { httpRequest } from '../helpers/http';
import { join } from 'node:path';
import { makeTempDir } from '../helpers/audio';
import { ensureBuilt, hasTestModel, ROOT, runCli, testModelPath } from '../helpers/model';
import { DEMO_LIBRARY } from '../e2e/support/demo-library';

/** The bound for the whole demo (scan, analysis, radio, player up) on this machine, after setup. */
const DEMO_BUDGET_SEC = 120;

describe.skipIf(!hasTestModel())(`npm run demo (skipped without the sound model: ${testModelPath()})`, () => {
  let demo: RunningDemo;

  beforeAll(async () => {
    await ensureBuilt();
    demo = await startDemo(DEMO_BUDGET_SEC * 1000);
  }, 200_000);

  afterAll(async () => {
    if (demo) expect(await demo.stop()).toBe(0);
  });

  async function command<T>(service: 'playback' | 'radio' | 'library', member: string): Promise<T> {
    const res = await httpRequest(`${demo.origin}${commandPath(service, member)}`, {
      method: 'POST', body: '[]',
      headers: { authorization: `Bearer ${demo.token}`, origin: demo.origin, 'content-type': 'application/json' },
    });
    const envelope = res.json<Envelope<T>>();
    if (!envelope.ok) throw new Error(`${service}.${member}: ${envelope.error.message}`);
    return envelope.value;
  }

  it(`prints the player's address within ${DEMO_BUDGET_SEC} s, after scanning and analysing every demo song`, () => {
    expect(demo.seconds).toBeLessThan(DEMO_BUDGET_SEC);
    expect(demo.stdout).toMatch(/Scanned .*demo-library: 16 added/);
    expect(demo.stdout).toMatch(/Analysed the sound of 16 of 16 songs/);
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('prints one radio with each pick\'s matched moments, closeness and tags in common', () => {
    expect(demo.stdout).toContain('Radio from "Creek Bed Shuffle" by Muddy Creek Slim:');
    const picks = demo.stdout.split('\n').filter((line) => /^\s*\d+\. /.test(line));
    expect(picks.length).toBeGreaterThanOrEqual(5);
    // Each pick: its title and a closeness number; under it the moments (m:ss-m:ss <-> m:ss-m:ss).
    const radio = demo.stdout.slice(demo.stdout.indexOf('Radio from'), demo.stdout.indexOf('\nEach pick'));
    const blocks = radio.split('\n').reduce<string[]>((all, line) => {
      if (/^\s*\d+\. /.test(line)) all.push(line);
      else if (all.length > 0) all[all.length - 1] += `\n${line}`;
      return all;
    }, []);
    expect(blocks.length).toBe(picks.length);
    for (const block of blocks) {
      expect(block, block).toMatch(/\d\.\d{3}/);
      expect(block, block).toMatch(/\d+:\d\d.\d+:\d\d <-> the seed's \d+:\d\d.\d+:\d\d/);
    }
    expect(demo.stdout).toMatch(/both: \S+/);
  });

  it('serves a queue that is that radio: the seed, then the printed picks in order, each with its explanation', async () => {
    const queue = await command<QueueState>('playback', 'getQueue');
    const tracks = new Map((await command<Track[]>('library', 'listTracks')).map((t) => [t.id, t]));
    const [seed, ...picks] = queue.items;
    expect(tracks.get(seed.trackId)?.title).toBe('Creek Bed Shuffle');
    expect(queue.currentIndex).toBe(0);
    const printed = demo.stdout.split('\n').filter((line) => /^\s*\d+\. /.test(line));
    expect(picks.length).toBe(printed.length);
    picks.forEach((item, i) => {
      expect(item.origin.kind).toBe('radio');
      expect(item.origin.kind === 'radio' && item.origin.explanation?.pick.trackId).toBe(item.trackId);
      expect(printed[i].trim()).toMatch(new RegExp(`^${i + 1}\\. ${tracks.get(item.trackId)?.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    });
    const radio = await command<RadioSession | null>('radio', 'getActiveRadio');
    expect(radio?.seedTrackIds).toEqual([seed.trackId]);
    expect(radio?.picks.map((p) => p.trackId)).toEqual(picks.map((p) => p.trackId));
  });
});

describe('soundlike demo: bad input', () => {
  beforeAll(() => ensureBuilt(), 200_000);

  it('says what is missing or wrong, exit 2, before any analysis', async () => {
    const noFolder = await runCli(['demo']);
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain('demo needs a music folder');
    const tmp = makeTempDir('soundlike-demo-bad-');
    try {
      const badSeed = await runCli(['demo', join(DEMO_LIBRARY, 'Trio Maré'), '--seed', '/no/such/song.mp3', '--no-serve', '--data', tmp.at('data')]);
      expect(badSeed.code).toBe(2);
      expect(badSeed.stderr).toContain('No song in the library is /no/such/song.mp3');
      expect(badSeed.stdout).not.toContain('Analysed');
      const badPort = await runCli(['demo', DEMO_LIBRARY, '--port', 'x', '--data', tmp.at('data')]);
      expect(badPort.code).toBe(2);
      expect(badPort.stderr).toContain('--port must be a whole number');
    } finally {
      tmp.cleanup();
    }
    const badOption = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'scripts/demo.mjs'), '--colour'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/Unknown option '--colour'[\s\S]*Options: --data DIR/);
  });
});
