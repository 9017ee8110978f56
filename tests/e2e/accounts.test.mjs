// Accounts in the browser: sign up, sign out, sign in — with and without JavaScript — and the
// accessibility of the account pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, openPage, accessibilityViolations } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const PASSWORD = 'une phrase de passe pour les tests';

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`an agent signs up, signs out and signs in again ${mode}`, async () => {
    const page = await openPage(browser, { javaScriptEnabled, audit: true });
    const email = `agent.${javaScriptEnabled ? 'js' : 'nojs'}.${Date.now()}@exemple.gouv.fr`;
    await page.goto(`${BASE_URL}/inscription`);
    // A first attempt with a weak password shows the error next to the field, keeping the rest.
    await page.getByLabel('Nom et prénom').fill('Agent de test');
    await page.getByLabel('Adresse électronique professionnelle').fill(email);
    const unit = page.getByLabel('Votre service');
    await unit.selectOption(await unit.locator('option', { hasText: 'Service des usages' }).getAttribute('value'));
    await page.getByLabel('Mot de passe', { exact: true }).fill('motdepasse');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL(`${BASE_URL}/inscription`);
    await page.getByText('ce mot de passe fait partie des plus utilisés', { exact: false }).first().waitFor();
    assert.equal(await page.getByLabel('Adresse électronique professionnelle').inputValue(), email);
    assert.equal(await page.getByLabel('Mot de passe', { exact: true }).getAttribute('aria-invalid'), 'true');

    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL(`${BASE_URL}/cours`);
    await page.getByText('Bienvenue, Agent de test').waitFor();

    await page.getByRole('link', { name: /Agent de test/ }).click();
    await page.waitForURL(`${BASE_URL}/mon-compte`);
    // axe-core needs JavaScript; the page is the same without it.
    if (javaScriptEnabled) assert.deepEqual(await accessibilityViolations(page), []);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${BASE_URL}/connexion`);
    await page.getByText('Vous êtes déconnecté.').waitFor();

    await page.getByLabel('Adresse électronique professionnelle').fill(email);
    await page.getByLabel('Mot de passe').fill('mauvais mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Adresse électronique ou mot de passe incorrect.').waitFor();
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${BASE_URL}/mon-parcours`);
    await page.getByRole('link', { name: /Agent de test/ }).waitFor();
    assert.deepEqual(page.errors, []);
  });
}

test('the sign-up, sign-in and admin pages have no accessibility violation', async () => {
  const page = await openPage(browser, { audit: true });
  for (const path of ['/inscription', '/connexion']) {
    await page.goto(`${BASE_URL}${path}`);
    assert.deepEqual(await accessibilityViolations(page), [], path);
  }
  await page.getByLabel('Adresse électronique professionnelle').fill('admin@demo.campus-ia.fr');
  await page.getByLabel('Mot de passe').fill('campus-ia-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${BASE_URL}/mon-parcours`);
  for (const path of ['/mon-parcours', '/atelier', '/atelier/repondre-a-un-usager', '/admin', '/admin/unites', '/admin/utilisateurs', '/admin/journal']) {
    const response = await page.goto(`${BASE_URL}${path}`);
    assert.equal(response.status(), 200, path);
    assert.deepEqual(await accessibilityViolations(page), [], path);
  }
});
