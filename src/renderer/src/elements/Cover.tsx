/** Album art for a track, or a neutral placeholder when it has none (or the picture fails to load). */
import { useState } from 'react';
import { api } from '../api';
import { Icon } from './Icon';

interface CoverProps {
  coverId: string | null | undefined;
  size: number;
  className?: string;
  alt?: string;
}

export function Cover({ coverId, size, className, alt = '' }: CoverProps) {
  const [failedId, setFailedId] = useState<string | null>(null);
  const style = { width: size, height: size };
  if (!coverId || failedId === coverId) {
    return (
      <div className={`cover cover-placeholder ${className ?? ''}`} style={style} aria-hidden="true">
        <Icon name="note" size={Math.round(size * 0.45)} />
      </div>
    );
  }
  return (
    <img className={`cover ${className ?? ''}`} style={style} src={api.media.coverUrl(coverId)} alt={alt}
      loading="lazy" decoding="async" onError={() => setFailedId(coverId)} draggable={false} />
  );
}
