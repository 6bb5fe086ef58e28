/** The contract against the real service objects createServices builds (both transports rely on it). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractMembers } from '../../src/shared/contract';
import type { Services } from '../../src/main/services';
import { invokeCommand, subscribeAll } from '../../src/main/ipc/dispatch';
import { makeTempDir, type TempDir } from '../helpers/audio';
import { openServices } from '../helpers/services';

describe('contract on the real services', () => {
  let tmp: TempDir;
  let services: Services;

  beforeAll(async () => {
    tmp = makeTempDir();
    services = await openServices(tmp.at('data'));
  });

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
  });

  it.each(contractMembers().map((m) => [m.channel, m] as const))('%s exists on the service as a function', (_channel, m) => {
    const value = (services.api[m.service] as unknown as Record<string, unknown>)[m.member];
    expect(typeof value).toBe('function');
  });

  it('every event subscription returns a working unsubscribe', async () => {
    const seen: string[] = [];
    const unsubscribe = subscribeAll(services.api, (channel) => seen.push(channel));
    await services.api.settings.updateSettings({ volume: 0.4 });
    expect(seen).toContain('settings:onDidChangeSettings');
    unsubscribe();
    seen.length = 0;
    await services.api.settings.updateSettings({ volume: 0.6 });
    expect(seen).toEqual([]);
  });

  it('dispatch reaches only contract commands, never other members of a service object', async () => {
    // addFolderAndScan and dispose exist on the implementation but are not in the contract.
    expect(await invokeCommand(services.api, 'library', 'addFolderAndScan', [tmp.path])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await invokeCommand(services.api, 'library', 'constructor', [])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await invokeCommand(services.api, '__proto__', 'toString', [])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await invokeCommand(services.api, 'library', 'listFolders', [])).toEqual({ ok: true, value: [] });
    expect(await invokeCommand(services.api, 'library', 'removeFolder', [77])).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FOLDER', message: expect.any(String) } });
  });
});
