/**
 * Readable facts from the name of a file that has no tags: "02 - Low Lamp Blues.mp3" is track 2, "Low
 * Lamp Blues". Track numbers, "_" and "." used as spaces, and download-site or package prefixes
 * ("[www.example.com]", "naev-data - ") are taken off; "Artist - Title" names give the artist
 * (the pattern beets' fromfilename plugin reads). Pure, so the rules are unit-tested.
 */

/** Bumped whenever these rules change: a scan re-reads files whose stored title came from older rules. */
export const FILE_TITLE_RULES = 1;

export interface FileNameFacts {
  title: string;
  trackNo: number | null;
  discNo: number | null;
  artist: string | null;
}

/** "example.com", "www.free-mp3.net", "music.site.org": a host name, the mark of a download site. */
const HOST = /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|ru|fm|me|io|cc|to|tv|co|uk|de|fr|pl|xyz|club|top|site|online|music)$/i;
/** Debian-style package names that hold game and demo music ("naev-data", "hyperrogue-music"). */
const PACKAGE = /^[a-z0-9][a-z0-9+.]*-(?:data|music|music-ogg|sounds|common|common-sounds|soundtrack|songs|ost)(?:-[a-z0-9]+)*$/;
/** A bracketed part that names a site or a rip ("[www.x.com]", "(mp3.site.net)", "{ripped by x}"). */
const BRACKETED = /[[({]([^\])}]*)[\])}]/g;
/** "02", "2.", "1-02", "01 of 12", "Track 02", "CD1-02" at the front. */
const LEADING_NUMBER = /^(?:(?:track|trk|tr)\s*)?(?:(?:cd|disc|disk)?\s*(\d{1,2})[-.](?=\d))?(\d{1,3})(?:\s*of\s*\d{1,3})?(?=$|[\s._)\]-])/i;

function isNoise(part: string): boolean {
  const trimmed = part.trim();
  return HOST.test(trimmed) || PACKAGE.test(trimmed) || /^(?:https?:\/\/)/i.test(trimmed);
}

/** Spaces for the characters people use instead of them, when the name has (almost) no real spaces. */
function despace(name: string): string {
  let text = name.replace(/%20/g, ' ');
  if (text.includes('_')) text = text.replace(/_+/g, ' ');
  // "Low.Lamp.Blues" but not "Mr. Blue" or "1.5 Hours": dots as spaces only when there are no spaces.
  if (!text.includes(' ') && !isNoise(text) && /\.[A-Za-z]/.test(text) && (text.match(/\./g) ?? []).length >= 2) text = text.replace(/\./g, ' ');
  return text.replace(/\s+/g, ' ').trim();
}

function stripNoise(text: string): string {
  let out = text.replace(BRACKETED, (whole, inner: string) => (isNoise(inner) || /\b(?:rip|ripped|download|downloaded)\b/i.test(inner) ? ' ' : whole));
  // A host or package glued to the front by a separator: "www.site.com - ", "naev-data_", "site.net_".
  for (;;) {
    const match = /^\s*([^\s]+?)\s*(?:\s-\s|_+|\s+-|-\s+|\s+)/.exec(out);
    if (!match || !isNoise(match[1]) || match[0].length >= out.length) break;
    out = out.slice(match[0].length);
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Splits on " - " (and "--", " – ", " — ") separators, dropping empty and noise parts. */
function parts(text: string): string[] {
  return text.split(/\s+[-–—]+\s+|\s*--+\s*/).map((p) => p.trim()).filter((p) => p && !isNoise(p));
}

function takeNumber(text: string): { rest: string; trackNo: number | null; discNo: number | null } {
  const match = LEADING_NUMBER.exec(text);
  // A name that is only a number ("01.mp3") keeps it as its title.
  if (!match || match[0].length === text.trim().length) return { rest: text, trackNo: null, discNo: null };
  const rest = text.slice(match[0].length).replace(/^[\s._)\]-]+/, '');
  return { rest, trackNo: Number(match[2]), discNo: match[1] ? Number(match[1]) : null };
}

/**
 * What a file's name says about it. `stem` is the file name without its folder and extension.
 * Never returns an empty title: a name that is all noise keeps its original text.
 */
export function factsFromFileName(stem: string): FileNameFacts {
  const original = stem.trim();
  const clean = stripNoise(despace(original));
  const leading = takeNumber(clean);
  let { trackNo, discNo } = leading;
  let list = parts(leading.rest);
  let artist: string | null = null;
  // "Artist - 02 - Title": the number sits between artist and title.
  if (trackNo === null && list.length >= 3) {
    const middle = /^(?:(\d{1,2})[-.])?(\d{1,3})$/.exec(list[1]);
    if (middle) {
      trackNo = Number(middle[2]);
      discNo = middle[1] ? Number(middle[1]) : null;
      artist = list[0];
      list = list.slice(2);
    }
  }
  if (artist === null && list.length >= 2) {
    artist = list[0];
    list = list.slice(1);
  }
  const title = list.join(' - ').trim();
  if (!title) return { title: clean || original, trackNo: null, discNo: null, artist: null };
  return { title, trackNo, discNo, artist };
}
