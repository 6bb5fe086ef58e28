import { describe, expect, it } from 'vitest';
import { closeAction, type CloseContext } from './close-behaviour';

const linux: CloseContext = { quitting: false, platform: 'linux', trayShown: true, closeToTray: true };

describe('closeAction', () => {
  it('hides the window to the tray on Linux and Windows while the setting is on and a tray icon is there', () => {
    expect(closeAction(linux)).toBe('hide');
    expect(closeAction({ ...linux, platform: 'win32' })).toBe('hide');
  });

  it('closes (and so quits) when the user turned the setting off, or when there is no tray to come back from', () => {
    expect(closeAction({ ...linux, closeToTray: false })).toBe('close');
    expect(closeAction({ ...linux, trayShown: false })).toBe('close');
    expect(closeAction({ ...linux, platform: 'win32', closeToTray: false })).toBe('close');
  });

  it('hides on macOS whatever the setting: an app outlives its windows there, the dock brings it back', () => {
    expect(closeAction({ ...linux, platform: 'darwin', closeToTray: false, trayShown: false })).toBe('hide');
  });

  it('always closes while the app quits (tray Quit, Cmd+Q, logging out), so quitting is never blocked', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(closeAction({ ...linux, platform, quitting: true })).toBe('close');
    }
  });
});
