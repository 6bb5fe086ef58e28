/**
 * Every web link the interface shows. The Electron shell opens a link in the user's browser only when it
 * is listed here (compared as parsed URLs), so a link that arrives in data (a tag, a playlist, a file
 * name) can never launch anything. Add a link here when the interface starts showing it.
 */
export const EXTERNAL_LINKS: readonly string[] = [];
