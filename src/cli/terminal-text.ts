/**
 * Text from files (tags, names, decoder messages) made harmless for a terminal. A tag can hold escape
 * sequences that move the cursor, rewrite the screen or the window title, or (bidi overrides) reorder
 * what is shown; the CLI prints every such string through these, never raw.
 */

// C0 controls (but \t and \n, see below), DEL and C1 controls: a terminal acts on them, it does not show them.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Tabs and newlines end a field or shift a table's columns: a space within one field.
const FIELD_BREAK = /[\t\n\r\v\f\u2028\u2029]/g;
// Embeddings, overrides and isolates reorder the text around them ("Trojan Source"); shown, they are invisible.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
// What JSON.stringify leaves raw that a terminal may still act on.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * One line of output: `\n` and `\t` stay, other controls become `?` (as `ls` shows them) and bidi
 * controls are dropped.
 */
export function terminalText(text: string): string {
  return text.replace(CONTROL, (c) => (c === '\r' ? ' ' : '?')).replace(BIDI, '');
}

/** One field of a line (a title, a path): as terminalText, and line breaks and tabs become spaces. */
export function terminalField(text: string): string {
  return terminalText(text.replace(FIELD_BREAK, ' '));
}

/** JSON for a terminal: the same value (escapes, not removals), with nothing a terminal acts on left raw. */
export function terminalJson(value: unknown, indent = 2): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
