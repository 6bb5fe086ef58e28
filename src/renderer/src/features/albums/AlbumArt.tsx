/** An album's cover: its picture (embedded or the folder's), else a cover generated from its name. */
import { memo, useState } from 'react';
import { api } from '../../api';
import { generatedCover, hashText } from '../../lib/generated-cover';

interface AlbumArtProps {
  title: string;
  artist: string;
  coverId: string | null;
  /** Rendered width and height in px (the grid passes its tile width). */
  size: number;
  className?: string;
}

export const AlbumArt = memo(function AlbumArt({ title, artist, coverId, size, className = '' }: AlbumArtProps) {
  const [failedId, setFailedId] = useState<string | null>(null);
  const style = { width: size, height: size };
  if (coverId && failedId !== coverId) {
    return (
      <img className={`album-art ${className}`} style={style} src={api.media.coverUrl(coverId)} alt="" loading="lazy"
        decoding="async" draggable={false} data-testid="album-art" data-kind="picture" onError={() => setFailedId(coverId)} />
    );
  }
  const cover = generatedCover(title, artist);
  // Ids are document-wide: one per album (the same album drawn twice shares identical definitions).
  const gradientId = `album-art-${hashText(`${title}\u0000${artist}`).toString(36)}`;
  const lineHeight = 15;
  const top = 50 - ((cover.lines.length - 1) * lineHeight) / 2;
  return (
    <svg className={`album-art generated ${className}`} style={style} viewBox="0 0 100 100" role="img"
      aria-label={`Generated cover for ${title}`} data-testid="album-art" data-kind="generated">
      <defs>
        <linearGradient id={gradientId} gradientTransform={`rotate(${cover.angle} 0.5 0.5)`}>
          <stop offset="0" stopColor={cover.from} />
          <stop offset="1" stopColor={cover.to} />
        </linearGradient>
      </defs>
      <rect width="100" height="100" fill={`url(#${gradientId})`} />
      <circle cx="78" cy="22" r="34" fill="#ffffff" opacity="0.07" />
      <text x="50" y={top} textAnchor="middle" dominantBaseline="middle" className="album-art-title">
        {cover.lines.map((line, i) => <tspan key={i} x="50" dy={i === 0 ? 0 : lineHeight}>{line}</tspan>)}
      </text>
    </svg>
  );
});
