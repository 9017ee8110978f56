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

/**
 * A new page that records uncaught errors and failed console messages. `audit: true` lets axe-core
 * be injected despite the site's Content Security Policy (the other tests run under it).
 */
export async function openPage(browser, { javaScriptEnabled = true, locale = 'fr-FR', audit = false } = {}) {
  const context = await browser.newContext({ javaScriptEnabled, locale, bypassCSP: audit });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') page.errors.push(message.text());
  });
  return page;
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and returns the violations. */
export async function accessibilityViolations(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const results = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/** Signs in with a demo account (password `campus-ia-demo`) and waits for "Mon parcours". */
export async function signInAsDemo(page, email) {
  await page.goto(`${BASE_URL}/connexion`);
  await page.getByLabel('Adresse électronique professionnelle').fill(email);
  await page.getByLabel('Mot de passe').fill('campus-ia-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${BASE_URL}/mon-parcours`);
}
