/**
 * The colour theme. The choice lives in localStorage, not in main's settings: it must be known
 * synchronously before the first paint (no dark flash in a light window), it is a property of this
 * browser or desktop window rather than of the library, and it needs no contract change.
 * The resolved theme is written to <html data-theme> and color-scheme; styles.css does the rest.
 */
import { create } from 'zustand';
import { parseThemeChoice, resolveTheme, THEME_STORAGE_KEY, type Theme, type ThemeChoice } from '../lib/theme';

interface ThemeState {
  choice: ThemeChoice;
  theme: Theme;
}

const DARK_QUERY = '(prefers-color-scheme: dark)';

function readChoice(): ThemeChoice {
  try {
    return parseThemeChoice(localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return 'system'; // storage blocked (privacy mode): follow the system for this session
  }
}

function systemPrefersDark(): boolean {
  return window.matchMedia(DARK_QUERY).matches;
}

export const useThemeStore = create<ThemeState>(() => {
  const choice = readChoice();
  return { choice, theme: resolveTheme(choice, systemPrefersDark()) };
});

function paint(theme: Theme): void {
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
}

/** Paints the stored theme and follows the system while the choice is System. Call once, before rendering. */
export function startTheme(): () => void {
  paint(useThemeStore.getState().theme);
  const media = window.matchMedia(DARK_QUERY);
  const onSystemChange = (): void => {
    const { choice } = useThemeStore.getState();
    useThemeStore.setState({ theme: resolveTheme(choice, media.matches) });
  };
  media.addEventListener('change', onSystemChange);
  const unsubscribe = useThemeStore.subscribe((s) => paint(s.theme));
  return () => {
    media.removeEventListener('change', onSystemChange);
    unsubscribe();
  };
}

export function setThemeChoice(choice: ThemeChoice): void {
  try {
    localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not persisted (storage blocked); the choice still applies until the window closes.
  }
  useThemeStore.setState({ choice, theme: resolveTheme(choice, systemPrefersDark()) });
}

export const useThemeChoice = (): ThemeChoice => useThemeStore((s) => s.choice);
export const useTheme = (): Theme => useThemeStore((s) => s.theme);
