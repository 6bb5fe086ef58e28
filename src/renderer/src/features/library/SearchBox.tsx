/** The library search field. Filtering runs on each keystroke: it walks a pre-sorted list, so it is cheap. */
import { Icon } from '../../elements/Icon';
import { setQuery, useQuery } from '../../stores/browse-store';

export const SEARCH_INPUT_ID = 'library-search';

export function SearchBox() {
  const query = useQuery();
  return (
    <div className="search">
      <Icon name="search" size={16} />
      <input id={SEARCH_INPUT_ID} type="search" data-testid="search-input" placeholder="Search title, artist, album, genre…"
        aria-label="Search the library" value={query} spellCheck={false} autoComplete="off"
        onChange={(e) => setQuery(e.target.value)} />
      {query ? (
        <button type="button" className="icon-btn small" aria-label="Clear search" onClick={() => setQuery('')}>
          <Icon name="close" size={14} />
        </button>
      ) : null}
    </div>
  );
}
