/** The library tab: search and counts on top, then the track table, or the empty state on a fresh install. */
import { useMemo } from 'react';
import { formatTotalDuration, plural } from '../../lib/format';
import { useVisibleRows } from '../../stores/browse-store';
import { useDurations, useLibraryStore, useTotalTracks, useTracks } from '../../stores/library-store';
import { useScanRunning } from '../../stores/scan-store';
import { EmptyLibrary } from './EmptyLibrary';
import { SearchBox } from './SearchBox';
import { SelectionBar } from './SelectionBar';
import { TrackTable } from './TrackTable';

function Summary() {
  const tracks = useTracks();
  const durations = useDurations();
  const rows = useVisibleRows();
  const loaded = useLibraryStore((s) => s.tracksLoaded);
  const total = useTotalTracks();
  // Runs on every search over up to 50,000 rows: a typed array, not 50,000 track objects.
  const seconds = useMemo(() => {
    let sum = 0;
    for (const i of rows) sum += durations[i] ?? 0;
    return sum;
  }, [rows, durations]);
  const filtered = rows.length !== tracks.length;
  // Only the first screen is in: counts and search results would be those of that page.
  if (!loaded) return <div className="library-summary" data-testid="library-summary">Loading {plural(total, 'track')}…</div>;
  return (
    <div className="library-summary" data-testid="library-summary">
      {filtered ? `${rows.length.toLocaleString('en-US')} of ${plural(tracks.length, 'track')}` : plural(tracks.length, 'track')}
      {seconds > 0 ? ` · ${formatTotalDuration(seconds)}` : ''}
    </div>
  );
}

export function LibraryView() {
  // The first page of tracks is enough to paint the table (the rest follows); an empty library waits for the
  // whole track list and the folders, which tell "add a folder" from "scanning" from "nothing found".
  const loaded = useLibraryStore((s) => s.tracks.length > 0 || (s.tracksLoaded && s.foldersLoaded));
  const hasTracks = useLibraryStore((s) => s.tracks.length > 0);
  const hasFolders = useLibraryStore((s) => s.folders.length > 0);
  const scanning = useScanRunning();

  let body;
  if (!loaded) body = <div className="placeholder">Loading your library…</div>;
  else if (hasTracks) body = <TrackTable />;
  else if (!hasFolders) body = <EmptyLibrary />;
  else if (scanning) body = <div className="placeholder">Reading your music… tracks appear here as the scan goes.</div>;
  else body = <div className="placeholder">No audio files were found in your folders. Soundlike reads MP3, FLAC, Ogg/Opus, AAC/M4A and WAV.</div>;

  return (
    <section className="library-view" aria-label="Library">
      <div className="toolbar">
        <SearchBox />
        {hasTracks ? <Summary /> : null}
        {hasTracks ? <SelectionBar /> : null}
      </div>
      {body}
    </section>
  );
}
