// Shared helpers for the end-to-end tests: launching Debian's Chromium through playwright-core
// (never a downloaded browser) and the address of the server started by scripts/test.sh.
import { chromium } from 'playwright-core';
import { execSync } from 'node:child_process';

export const BASE_URL = process.env.CAMPUS_E2E_URL ?? 'http://127.0.0.1:3000';

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execSync('command -v chromium || command -v chromium-browser', { shell: '/bin/sh' })
    .toString()
    .trim();
}

/** Launches headless Chromium with the flags this closed network needs. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A new page that records uncaught errors and failed console messages. */
export async function openPage(browser, { javaScriptEnabled = true, locale = 'fr-FR' } = {}) {
  const context = await browser.newContext({ javaScriptEnabled, locale });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') page.errors.push(message.text());
  });
  return page;
}
