/** Predicted tags as small chips: the prefix as a label ("instrument"), the value, and optionally its probability. */
import { percent, tagPlain, tagText } from '../../lib/why-text';

interface TagChipsProps {
  tags: { tag: string; p?: number }[];
  /** Tags shared by pick and seed, highlighted. */
  common?: ReadonlySet<string>;
  testId?: string;
}

export function TagChips({ tags, common, testId }: TagChipsProps) {
  if (tags.length === 0) return null;
  return (
    <ul className="tag-chips" data-testid={testId}>
      {tags.map(({ tag, p }) => {
        const t = tagText(tag);
        return (
          <li key={tag} className={`tag-chip ${common?.has(tag) ? 'common' : ''}`}
            title={p === undefined ? tagPlain(tag) : `${tagPlain(tag)}: ${percent(p)} likely`}>
            {t.kind ? <span className="tag-kind">{t.kind}</span> : null}
            <span className="tag-text">{t.text}</span>
            {p === undefined ? null : <span className="tag-p">{percent(p)}</span>}
          </li>
        );
      })}
    </ul>
  );
}
