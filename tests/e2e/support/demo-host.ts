/** A web host whose library is the demo library, scanned once through a page (for a spec's beforeAll). */
import type { Browser } from '@playwright/test';
import { addDemoLibrary } from './demo-library';
import { startHost, type RunningHost } from './web-host';

export async function startDemoHost(browser: Browser, options: { analyse?: boolean } = {}): Promise<RunningHost> {
  const host = await startHost();
  const page = await browser.newPage();
  try {
    await page.goto(host.url);
    await addDemoLibrary(page, options);
  } finally {
    await page.close();
  }
  return host;
}
