/** System / Light / Dark, as a radio group (arrow keys move between them, as in any radio group). */
import { THEME_CHOICES, type ThemeChoice } from '../../lib/theme';
import { setThemeChoice, useTheme, useThemeChoice } from '../../stores/theme-store';
import './layout.css';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeSwitch() {
  const choice = useThemeChoice();
  const theme = useTheme();
  return (
    <div className="setting">
      <span id="theme-label">Theme</span>
      <div className="segmented" role="radiogroup" aria-labelledby="theme-label" data-testid="theme-switch">
        {THEME_CHOICES.map((c) => (
          <label key={c} className={`segment ${choice === c ? 'on' : ''}`}>
            <input type="radio" name="theme" value={c} checked={choice === c} data-testid={`theme-${c}`}
              onChange={() => setThemeChoice(c)} />
            {LABELS[c]}
          </label>
        ))}
      </div>
      {choice === 'system' ? <span className="muted small" data-testid="theme-system-note">Following the system: {theme}</span> : null}
    </div>
  );
}
