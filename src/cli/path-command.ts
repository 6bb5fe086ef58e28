/**
 * `soundlike path A B [--count N] [--json]`: the sonic path from song A to song B (each a path or an id,
 * as `soundlike radio` takes its seed), each step with why it follows the one before. Previews only:
 * the queue is the player's.
 */
import { resolve } from 'node:path';
import { createServices } from '../main/services';
import type { PickExplanation, SonicPath, Track } from '../shared/domain';
import { SoundlikeError } from '../shared/errors';
import { formatDuration, pickCloseness } from './format';
import { terminalField, terminalJson } from './terminal-text';

export interface PathArgs {
  count?: string;
  json?: boolean;
  model?: string;
}

/** A track named on the command line: its id, or its file's path. */
function findTrack(tracks: Track[], arg: string): Track {
  const byId = /^\d+$/.test(arg);
  const found = byId ? tracks.find((t) => t.id === Number(arg)) : tracks.find((t) => t.path === resolve(arg));
  if (!found) throw new SoundlikeError('UNKNOWN_TRACK', `No track in the library is ${byId ? `id ${arg}` : resolve(arg)}.`, 'Scan its folder first (soundlike scan <folder>), or list ids with soundlike tracks.');
  return found;
}

const span = (m: { startSec: number; endSec: number }) => `${formatDuration(m.startSec)}-${formatDuration(m.endSec)}`;
const name = (t: Track | undefined, id: number) => (t ? `${terminalField(t.title)}${t.artist ? ` - ${terminalField(t.artist)}` : ''}` : `#${id}`);

function why(lines: string[], e: PickExplanation): void {
  for (const m of e.matches ?? []) lines.push(`      its ${span(m.pick)} <-> the previous song's ${span(m.seed)}   distance ${m.distance.toFixed(3)}`);
  if (e.tagsInCommon.length) lines.push(`      both: ${terminalField(e.tagsInCommon.join(', '))}`);
}

/** The walk as text: start, each step with its closeness to the end and why it follows, the end. */
export function formatPath(path: SonicPath, byId: Map<number, Track>): string {
  const lines = [`Sonic path from "${name(byId.get(path.fromTrackId), path.fromTrackId)}" to "${name(byId.get(path.toTrackId), path.toTrackId)}":`, ''];
  lines.push(` start  ${name(byId.get(path.fromTrackId), path.fromTrackId)}`);
  path.steps.forEach((s, i) => {
    lines.push(`${String(i + 1).padStart(5)}.  ${name(byId.get(s.trackId), s.trackId)}   ${pickCloseness(s.explanation)}; like the end ${s.toEnd.toFixed(3)}, like the start ${s.toStart.toFixed(3)}`);
    why(lines, s.explanation);
  });
  lines.push(`   end  ${name(byId.get(path.toTrackId), path.toTrackId)}`);
  if (path.arrival) why(lines, path.arrival);
  if (path.steps.length < path.options.count) {
    lines.push('', `${path.steps.length} of ${path.options.count} steps: the library has no more analysed songs to walk through.`);
  }
  return `${lines.join('\n')}\n`;
}

export async function sonicPathCommand(dataDir: string, positionals: string[], args: PathArgs): Promise<number> {
  const [fromArg, toArg] = positionals;
  if (!fromArg || !toArg || positionals.length > 2) {
    throw new SoundlikeError('INVALID_ARGUMENT', 'path needs two tracks: soundlike path <from track> <to track> (each a path or an id).');
  }
  const count = args.count === undefined ? undefined : Number(args.count);
  const services = await createServices({ dataDir, transport: 'web', live: false, manifestPath: args.model });
  for (const notice of services.notices) process.stderr.write(`${notice}\n`);
  try {
    const tracks = await services.api.library.listTracks();
    const byId = new Map(tracks.map((t) => [t.id, t]));
    const from = findTrack(tracks, fromArg);
    const to = findTrack(tracks, toArg);
    const path = await services.api.radio.playSonicPath(from.id, to.id, { count, play: false });
    if (args.json) {
      const brief = (id: number) => {
        const t = byId.get(id);
        return { trackId: id, path: t?.path, title: t?.title, artist: t?.artist, album: t?.album };
      };
      process.stdout.write(`${terminalJson({
        from: brief(from.id),
        to: brief(to.id),
        count: path.options.count,
        steps: path.steps.map((s) => ({ ...brief(s.trackId), toStart: s.toStart, toEnd: s.toEnd, explanation: s.explanation })),
        arrival: path.arrival,
      })}\n`);
    } else {
      process.stdout.write(formatPath(path, byId));
    }
    return 0;
  } finally {
    await services.dispose();
  }
}
