/** The library search field. Filtering runs on each keystroke: it walks a pre-sorted list, so it is cheap. */
import { Icon } from '../../elements/Icon';
import { setQuery, useBrowseStore, useQuery, visibleTrackIds } from '../../stores/browse-store';
import { playFromVisible } from './play-actions';

export const SEARCH_INPUT_ID = 'library-search';

export function SearchBox() {
  const query = useQuery();
  return (
    <div className="search">
      <Icon name="search" size={16} />
      <input id={SEARCH_INPUT_ID} type="search" data-testid="search-input" placeholder="Search title, artist, album, genre…"
        aria-label="Search the library" value={query} spellCheck={false} autoComplete="off"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          // Enter in the search box plays the selected row if it matched, else the first match.
          if (e.key !== 'Enter') return;
          e.preventDefault();
          const ids = visibleTrackIds();
          const selected = useBrowseStore.getState().selectedTrackId;
          const id = selected !== null && ids.includes(selected) ? selected : ids[0];
          if (id !== undefined) playFromVisible(id);
        }} />
      {query ? (
        <button type="button" className="icon-btn small" aria-label="Clear search" onClick={() => setQuery('')}>
          <Icon name="close" size={14} />
        </button>
      ) : null}
    </div>
  );
}
