import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_SCHEME_CSP, parseCsp, RENDERER_CSP, WEB_HOST_CSP } from './csp';

function metaPolicy(html: string): string | null {
  return /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1] ?? null;
}

describe('Content-Security-Policies', () => {
  it.each([
    ['renderer meta', RENDERER_CSP],
    ['app scheme header', APP_SCHEME_CSP],
    ['web host header', WEB_HOST_CSP],
  ])('%s forbids plugins, <base> and form posts, and loads scripts only from the app', (_name, policy) => {
    const d = parseCsp(policy);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    for (const sources of d.values()) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain('*');
    }
  });

  it('headers also forbid framing (a meta tag cannot)', () => {
    expect(parseCsp(APP_SCHEME_CSP).get('frame-ancestors')).toEqual(["'none'"]);
    expect(parseCsp(WEB_HOST_CSP).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('src/renderer/index.html carries exactly RENDERER_CSP', () => {
    expect(metaPolicy(readFileSync(resolve('src/renderer/index.html'), 'utf8'))).toBe(RENDERER_CSP);
  });

  it('parseCsp keeps the first of repeated directives, as browsers do', () => {
    expect(parseCsp("script-src 'self'; script-src *").get('script-src')).toEqual(["'self'"]);
  });
});
