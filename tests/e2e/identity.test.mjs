// Sign-in through a real OpenID Connect provider (the npm package oidc-provider, configured like
// ProConnect by tests/oidc/provider.mjs) in Chromium: the agent clicks « Se connecter avec
// ProConnect », signs in at the provider, lands on their dashboard,
// then signs out through the provider (the unit is checked by the integration tests). scripts/test.sh starts the provider and a second server
// configured for it (CAMPUS_E2E_OIDC_URL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, accessibilityViolations } from './support.mjs';

const OIDC_URL = process.env.CAMPUS_E2E_OIDC_URL;
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('an agent signs in with the provider, lands on their dashboard and signs out there', { skip: !OIDC_URL && 'CAMPUS_E2E_OIDC_URL not set' }, async () => {
  const page = await openPage(browser, { audit: true });
  await page.goto(`${OIDC_URL}/connexion`);
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByRole('link', { name: 'Se connecter avec ProConnect' }).click();
  // The provider's own login and consent pages.
  await page.locator('input[name="login"]').fill('agent-mairie');
  await page.locator('input[name="password"]').fill('peu importe');
  await page.locator('button[type="submit"]').click();
  await page.locator('input[name="prompt"][value="consent"]').waitFor({ state: 'attached' });
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(`${OIDC_URL}/mon-parcours`);
  await page.getByText('Camille Durand').first().waitFor();

  // Signing out goes through the provider, which asks to confirm, then back to /connexion.
  await page.getByRole('button', { name: /Se déconnecter/ }).first().click();
  await page.waitForURL(/\/session\/end/);
  await page.getByRole('button', { name: /Yes, sign me out|Continue/ }).first().click();
  // The provider comes back to the registered address with its `state` in the query.
  await page.waitForURL((url) => url.href.startsWith(`${OIDC_URL}/connexion`));
  await page.getByRole('link', { name: 'Se connecter avec ProConnect' }).waitFor();
  // The provider's development pages load fonts from the Internet, which this network refuses:
  // only script errors count here (our own pages' resources are checked by the other tests).
  assert.deepEqual(page.errors.filter((e) => !e.startsWith('Failed to load resource')), []);
});
