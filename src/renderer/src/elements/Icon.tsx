/** Inline SVG icons (no icon font or network fetch; the CSP allows none anyway). */

const PATHS = {
  play: 'M8 5v14l11-7z',
  pause: 'M6 5h4v14H6zM14 5h4v14h-4z',
  next: 'M6 6l8.5 6L6 18zM16 6h2v12h-2z',
  prev: 'M18 6l-8.5 6 8.5 6zM6 6h2v12H6z',
  volume: 'M4 9v6h4l5 5V4L8 9zM16.5 12a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z',
  mute: 'M4 9v6h4l5 5V4L8 9zM16 9.4l1.4-1.4 2.1 2.1 2.1-2.1L23 9.4 20.9 11.5l2.1 2.1-1.4 1.4-2.1-2.1-2.1 2.1-1.4-1.4 2.1-2.1z',
  note: 'M12 3v10.6A4 4 0 1 0 14 17V7h4V3z',
  queue: 'M3 6h13v2H3zM3 10h13v2H3zM3 14h9v2H3zM16 14v6l5-3z',
  library: 'M4 4h2v16H4zM8 4h2v16H8zM12.5 4.6l1.9-.6 5 15.3-1.9.6z',
  folder: 'M3 6a2 2 0 0 1 2-2h5l2 2h7a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z',
  search: 'M10 4a6 6 0 1 0 3.7 10.7l4.8 4.8 1.4-1.4-4.8-4.8A6 6 0 0 0 10 4zm0 2a4 4 0 1 1 0 8 4 4 0 0 1 0-8z',
  close: 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z',
  up: 'M12 7l6 6-1.4 1.4L12 9.8l-4.6 4.6L6 13z',
  down: 'M12 17l-6-6 1.4-1.4 4.6 4.6 4.6-4.6L18 11z',
  playNext: 'M3 5h10v2H3zM3 9h10v2H3zM3 13h6v2H3zM14 10v10l7-5z',
  addQueue: 'M3 6h12v2H3zM3 10h12v2H3zM3 14h8v2H3zM17 14v-3h2v3h3v2h-3v3h-2v-3h-3v-2z',
  refresh: 'M17.7 6.3A8 8 0 1 0 20 12h-2a6 6 0 1 1-1.8-4.2L13 11h7V4z',
  trash: 'M6 7h12l-1 13H7zM9 4h6l1 2h4v2H4V6h4z',
  grip: 'M9 5h2v2H9zM13 5h2v2h-2zM9 11h2v2H9zM13 11h2v2h-2zM9 17h2v2H9zM13 17h2v2h-2z',
  keyboard: 'M3 6h18v12H3zM5 8v2h2V8zM8 8v2h2V8zM11 8v2h2V8zM14 8v2h2V8zM17 8v2h2V8zM7 14v2h10v-2z',
  warning: 'M12 3 1 21h22zm-1 6h2v6h-2zm0 8h2v2h-2z',
  similar: 'M3 10h2v4H3zM7 7h2v10H7zM11 4h2v16h-2zM15 7h2v10h-2zM19 10h2v4h-2z',
  heart: 'M12 21.2l-1.4-1.3C5.4 15.2 2 12.1 2 8.4 2 5.4 4.4 3 7.4 3c1.7 0 3.4.8 4.6 2.1C13.2 3.8 14.9 3 16.6 3 19.6 3 22 5.4 22 8.4c0 3.7-3.4 6.8-8.6 11.5z',
  heartOutline: 'M16.5 3c-1.7 0-3.4.8-4.5 2.1C10.9 3.8 9.2 3 7.5 3 4.4 3 2 5.4 2 8.5c0 3.8 3.4 6.9 8.6 11.5l1.4 1.3 1.4-1.3C18.6 15.4 22 12.3 22 8.5 22 5.4 19.6 3 16.5 3zm-4.4 15.6-.1.1-.1-.1C7.1 14.2 4 11.4 4 8.5 4 6.5 5.5 5 7.5 5c1.5 0 3 1 3.6 2.4h1.9C13.5 6 15 5 16.5 5c2 0 3.5 1.5 3.5 3.5 0 2.9-3.1 5.7-7.9 10.1z',
  info: 'M12 2a10 10 0 1 0 0 20 10 10 0 1 0 0-20zm0 2a8 8 0 1 1 0 16 8 8 0 1 1 0-16zM11 7h2v2h-2zM11 11h2v6h-2z',
  less: 'M15 3H6c-.8 0-1.5.5-1.8 1.2l-3 7c-.1.3-.2.5-.2.8v2c0 1.1.9 2 2 2h6.3l-1 4.6v.3c0 .4.2.8.5 1.1L9.8 23l6.6-6.6c.4-.4.6-.9.6-1.4V5c0-1.1-.9-2-2-2zm4 0v12h4V3z',
  check: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z',
  skip: 'M6 6l8.5 6L6 18zM16 6h2v12h-2z',
  album: 'M12 2a10 10 0 1 0 0 20 10 10 0 1 0 0-20zm0 2a8 8 0 1 1 0 16 8 8 0 1 1 0-16zm0 5a3 3 0 1 0 0 6 3 3 0 1 0 0-6zm0 2a1 1 0 1 1 0 2 1 1 0 1 1 0-2z',
  artist: 'M12 3a4 4 0 1 0 0 8 4 4 0 1 0 0-8zm0 10c-4.4 0-8 2.2-8 5v3h16v-3c0-2.8-3.6-5-8-5z',
  back: 'M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18, title }: { name: IconName; size?: number; title?: string }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill="currentColor"
      aria-hidden={title ? undefined : true} role={title ? 'img' : undefined}>
      {title ? <title>{title}</title> : null}
      <path d={PATHS[name]} />
    </svg>
  );
}
