import { describe, expect, it } from 'vitest';
import { exposureWarning, isLoopbackHost, requireBindHost } from './binding';

describe('web host binding', () => {
  it('refuses an empty host, which would mean every interface', () => {
    for (const host of ['', '  ']) expect(() => requireBindHost(host)).toThrow(/empty/);
    expect(requireBindHost(' 127.0.0.1 ')).toBe('127.0.0.1');
  });

  it('tells loopback from addresses other computers reach', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.5', '10.0.0.1', 'fd00::2', '::ffff:192.168.1.5', 'my-box.lan', '128.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('warns loudly off loopback that the token is then the only protection', () => {
    expect(exposureWarning('127.0.0.1', 'http://127.0.0.1:7878')).toBeNull();
    const everywhere = exposureWarning('0.0.0.0', 'http://0.0.0.0:7878') ?? '';
    expect(everywhere).toMatch(/^WARNING/);
    expect(everywhere).toMatch(/every network interface/);
    expect(everywhere).toMatch(/token .* ONLY protection/);
    expect(exposureWarning('::', 'http://[::]:7878')).toMatch(/every network interface/);
    expect(exposureWarning('192.168.1.5', 'http://192.168.1.5:7878')).toMatch(/listening on 192\.168\.1\.5/);
  });
});
