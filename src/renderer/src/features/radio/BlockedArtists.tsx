/** Artists kept out of every radio, with a way to let each back in. */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { attempt } from '../../stores/notify-store';

export function BlockedArtists() {
  const [artists, setArtists] = useState<string[] | null>(null);
  useEffect(() => {
    void attempt(() => api.radio.listBlockedArtists()).then((list) => setArtists(list ?? []));
  }, []);
  const unblock = async (artist: string) => {
    const list = await attempt(() => api.radio.setArtistBlocked(artist, false));
    if (list) setArtists(list);
  };
  return (
    <section className="panel-section settings" data-testid="blocked-artists">
      <h3>Blocked from radio</h3>
      {artists === null ? null : artists.length === 0
        ? <p className="muted small">No artist is blocked. Use “Block artist” on a radio pick to keep an artist out of every radio.</p>
        : (
          <ul className="plain-list">
            {artists.map((artist) => (
              <li key={artist} data-testid="blocked-artist">
                {artist}{' '}
                <button type="button" className="btn small" onClick={() => void unblock(artist)}>Let back in</button>
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}
