/**
 * The colour theme choice: System follows prefers-color-scheme, Light and Dark pin one. Pure, so the
 * parsing of what localStorage holds (anything a page or an old version wrote) is unit-tested.
 */

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** The localStorage key; per browser profile / desktop install, like the window size. */
export const THEME_STORAGE_KEY = 'soundlike.theme';

/** What was stored, or System for nothing, garbage or an unknown value. */
export function parseThemeChoice(stored: string | null | undefined): ThemeChoice {
  return THEME_CHOICES.find((c) => c === stored) ?? 'system';
}

/** The theme to paint: the choice, or the system's preference for System. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}
