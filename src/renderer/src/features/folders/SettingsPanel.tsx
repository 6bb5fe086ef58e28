/** Playback and library settings, and what the app runs on (version, data folder, ffmpeg). */
import type { ReplayGainMode } from '../../../../shared/domain';
import { ThemeSwitch } from '../layout/ThemeSwitch';
import { chooseFfmpeg, updateSettings, useEnvironment, useSettings } from '../../stores/settings-store';
import { openAbout } from '../../stores/about-store';

const REPLAYGAIN_OPTIONS: Array<{ value: ReplayGainMode; label: string }> = [
  { value: 'track', label: 'Track: every song at the same loudness' },
  { value: 'album', label: 'Album: keep loudness differences within an album' },
  { value: 'off', label: 'Off' },
];

export function SettingsPanel() {
  const settings = useSettings();
  const env = useEnvironment();
  return (
    <section className="panel-section settings" data-testid="settings">
      <h3>Settings</h3>
      <ThemeSwitch />
      <label className="setting">
        <span>ReplayGain</span>
        <select data-testid="replaygain-select" value={settings.replayGain}
          onChange={(e) => void updateSettings({ replayGain: e.target.value as ReplayGainMode })}>
          {REPLAYGAIN_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </label>
      <label className="setting checkbox">
        <input type="checkbox" data-testid="watch-folders-toggle" checked={settings.watchFolders}
          onChange={(e) => void updateSettings({ watchFolders: e.target.checked })} />
        <span>Watch folders for changes (new, changed and deleted files are picked up without a rescan)</span>
      </label>
      {/* Only the desktop app has a window to close while the music plays on; a browser tab is the web host's. */}
      {env?.transport === 'electron' && (
        <label className="setting checkbox">
          <input type="checkbox" data-testid="close-to-tray-toggle" checked={settings.closeToTray}
            onChange={(e) => void updateSettings({ closeToTray: e.target.checked })} />
          <span>Keep playing in the tray when the window is closed (Quit is in the tray menu)</span>
        </label>
      )}
      <h3>About this installation</h3>
      {env ? (
        <dl className="env" data-testid="environment">
          <dt>Version</dt><dd>{env.version}</dd>
          <dt>Data folder</dt><dd className="mono">{env.dataDir}</dd>
          <dt>Running as</dt><dd>{env.transport === 'web' ? 'Web (browser)' : 'Desktop app'} on {env.platform}</dd>
          <dt>ffmpeg</dt>
          <dd>
            {env.ffmpeg
              ? <span className="mono">{env.ffmpeg.version} ({env.ffmpeg.path})</span>
              : <span className="warn-text">Not found. Playback and tags work; sound analysis needs ffmpeg.</span>}
            {/* Which program runs as ffmpeg is chosen in main's own dialog or on the command line, never by a page. */}
            {env.transport === 'electron'
              ? <> <button type="button" className="btn small" data-testid="ffmpeg-choose" onClick={() => void chooseFfmpeg()}>Choose…</button></>
              : <span className="muted small" data-testid="ffmpeg-cli-hint"> To use another ffmpeg, run <code>soundlike ffmpeg &lt;path&gt;</code> in a terminal.</span>}
          </dd>
        </dl>
      ) : <p className="muted">Loading…</p>}
      <button type="button" className="btn small about-open" data-testid="about-open" onClick={() => void openAbout()}>About Soundlike and licences…</button>
    </section>
  );
}
