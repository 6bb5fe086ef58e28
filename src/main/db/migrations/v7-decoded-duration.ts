import type { Migration } from './migration';

/**
 * What a file really is, as opposed to what its header claims: the identity of the file a scan read (so
 * media is served only while the file on disk is still that one, even behind a re-pointed link), the
 * length of audio a full decode produced (a truncated file plays only part of its stated length), and
 * the transient analysis failures (a decoder killed by a signal) that later runs try again, a bounded
 * number of times.
 */
export const decodedDuration: Migration = {
  version: 7,
  description: 'file identity and decoded duration of each track; transient analysis failures',
  sql: `
    -- "dev:ino" of the file the path resolved to when scanned (links followed); NULL until the next scan.
    ALTER TABLE tracks ADD COLUMN file_id TEXT;
    -- Seconds of audio the analysis decoded from the file; NULL until it is decoded.
    ALTER TABLE tracks ADD COLUMN decoded_sec REAL;
    -- A failure worth retrying (the decoder was killed), and how many runs have tried the file.
    ALTER TABLE analyses ADD COLUMN transient INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE analyses ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;
  `,
};
