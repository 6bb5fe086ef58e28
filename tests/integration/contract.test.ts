/** The contract against the real service objects createServices builds (both transports rely on it). */
import { describe, expect, it } from 'vitest';
import { contractMembers } from '../../src/shared/contract';
import { invokeCommand, subscribeAll } from '../../src/main/ipc/dispatch';
import { freshServices } from '../helpers/services';

describe('contract on the real services', () => {
  const ctx = freshServices();

  it.each(contractMembers().map((m) => [m.channel, m] as const))('%s exists on the service as a function', (_channel, m) => {
    const value = (ctx.services.api[m.service] as unknown as Record<string, unknown>)[m.member];
    expect(typeof value).toBe('function');
  });

  it('every event subscription returns a working unsubscribe', async () => {
    const seen: string[] = [];
    const unsubscribe = subscribeAll(ctx.services.api, (channel) => seen.push(channel));
    await ctx.services.api.settings.updateSettings({ volume: 0.4 });
    expect(seen).toContain('settings:onDidChangeSettings');
    unsubscribe();
    seen.length = 0;
    await ctx.services.api.settings.updateSettings({ volume: 0.6 });
    expect(seen).toEqual([]);
  });

  it('dispatch reaches only contract commands, never other members of a service object', async () => {
    // addFolderAndScan and dispose exist on the implementation but are not in the contract.
    expect(await invokeCommand(ctx.services.api, 'library', 'addFolderAndScan', [ctx.tmp.path])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await invokeCommand(ctx.services.api, 'library', 'constructor', [])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await invokeCommand(ctx.services.api, '__proto__', 'toString', [])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await invokeCommand(ctx.services.api, 'library', 'listFolders', [])).toEqual({ ok: true, value: [] });
    expect(await invokeCommand(ctx.services.api, 'library', 'removeFolder', [77])).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FOLDER', message: expect.any(String) } });
  });
});
