import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from './app-scheme';
import { externalLinkToOpen, isAppPage, isTrustedSender } from './navigation';

const built = { devServerUrl: null };
const dev = { devServerUrl: 'http://localhost:5173/' };

// Install paths that broke the old `url.startsWith('file://' + path)` check: the page URL is
// %-encoded, the path is not, so the app's own page was refused (and prefixes let siblings in).
const INSTALL_PATHS = [
  '/opt/Sound Like/resources/app.asar/out/renderer',
  '/home/zoë/Musik Programme/Soundlike/resources/app.asar/out/renderer',
  '/Applications/Soundlike 音楽.app/Contents/Resources/app.asar/out/renderer',
];

describe('isTrustedSender (the IPC check)', () => {
  it('trusts the app page, which no longer depends on where the app is installed', () => {
    expect(isTrustedSender(APP_ENTRY_URL, built)).toBe(true);
    expect(isTrustedSender('soundlike-app://app/index.html#/library', built)).toBe(true);
    expect(isTrustedSender('soundlike-app://app/', built)).toBe(true);
  });

  it.each(INSTALL_PATHS)('refuses file:// pages, even the renderer itself under %s', (dir) => {
    const url = pathToFileURL(`${dir}/index.html`).href;
    expect(url).toMatch(/%/); // the spaces/non-ASCII really are encoded in what Electron would report
    expect(isTrustedSender(url, built)).toBe(false);
    expect(isTrustedSender(url, dev)).toBe(false);
  });

  it.each([
    'soundlike-app://app.evil/index.html',
    'soundlike-app://evil/index.html',
    'soundlike-app://app@evil/index.html',
    'soundlike-app://user:pw@app/index.html',
    'soundlike-media://app/index.html',
    'https://app/index.html',
    'about:blank',
    'data:text/html,<script>1</script>',
    '',
    'garbage',
  ])('refuses foreign frames: %s', (url) => {
    expect(isTrustedSender(url, built)).toBe(false);
  });

  it('refuses a missing frame URL', () => {
    expect(isTrustedSender(null, built)).toBe(false);
    expect(isTrustedSender(undefined, built)).toBe(false);
  });

  it('trusts the dev server by origin only, and only when one is configured', () => {
    expect(isTrustedSender('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/index.html?x=1', dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/', built)).toBe(false);
    // The prefix bugs: a longer port, a longer host name, userinfo tricks, another scheme.
    expect(isTrustedSender('http://localhost:51730/', dev)).toBe(false);
    expect(isTrustedSender('http://localhost:5173.evil.test/', dev)).toBe(false);
    expect(isTrustedSender('http://localhost:5173@evil.test/', dev)).toBe(false);
    expect(isTrustedSender('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedSender('http://127.0.0.1:5173/', dev)).toBe(false);
  });

  it('never trusts a dev server URL that is not http(s)', () => {
    const odd = { devServerUrl: 'file:///tmp/' };
    expect(isTrustedSender('file:///tmp/index.html', odd)).toBe(false);
  });
});

describe('isAppPage (navigation and redirects)', () => {
  it('keeps the window on app pages', () => {
    expect(isAppPage('soundlike-app://app/index.html', built)).toBe(true);
    expect(isAppPage('https://example.com/', built)).toBe(false);
    expect(isAppPage('file:///etc/passwd', built)).toBe(false);
    expect(isAppPage('javascript:alert(1)', built)).toBe(false);
  });
});

describe('externalLinkToOpen', () => {
  const shown = ['https://example.org/help', 'http://example.net/a?b=1'];

  it('opens only http(s) links the app shows, compared as parsed URLs', () => {
    expect(externalLinkToOpen('https://example.org/help', shown)).toBe('https://example.org/help');
    expect(externalLinkToOpen('HTTPS://EXAMPLE.ORG:443/help', shown)).toBe('https://example.org/help');
    expect(externalLinkToOpen('http://example.net/a?b=1', shown)).toBe('http://example.net/a?b=1');
  });

  it.each([
    'https://example.org/help/../../evil',
    'https://example.org/helpx',
    'https://example.org.evil.test/help',
    'https://user@example.org/help',
    'https://evil.test/?https://example.org/help',
    'http://example.org/help',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'soundlike-app://app/index.html',
    'smb://server/share',
    'not a url',
  ])('refuses %s', (url) => {
    expect(externalLinkToOpen(url, shown)).toBeNull();
  });

  it('refuses everything when the app shows no links', () => {
    expect(externalLinkToOpen('https://example.org/help', [])).toBeNull();
  });
});
