// Completing the sample course to 100 % as an agent — reading, a quiz, the three kinds of
// exercise (each failed first, then passed) — with and without JavaScript, then opening the
// attestation and its public check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, openPage } from './support.mjs';
import { completeSampleCourse } from './sample-course.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`an agent completes the sample course and checks the attestation ${mode}`, async () => {
    const page = await openPage(browser, { javaScriptEnabled, audit: true });
    await page.goto(`${BASE_URL}/inscription`);
    await page.getByLabel('Nom et prénom').fill('Agent Complet');
    await page.getByLabel('Adresse électronique professionnelle').fill(`complet.${javaScriptEnabled}.${Date.now()}@exemple.gouv.fr`);
    const unit = page.getByLabel('Votre service');
    await unit.selectOption(await unit.locator('option', { hasText: 'Service des usages' }).getAttribute('value'));
    await page.getByLabel('Mot de passe', { exact: true }).fill('une phrase de passe pour finir');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL(`${BASE_URL}/cours`);

    await completeSampleCourse(page, { audit: javaScriptEnabled });

    await page.goto(`${BASE_URL}/mon-parcours`);
    assert.equal(await page.getByRole('progressbar', { name: /Prendre en main Campus IA/ }).getAttribute('value'), '100');
    await page.getByRole('link', { name: 'Attestation de réussite' }).click();
    await page.locator('.attestation__name', { hasText: 'Agent Complet' }).waitFor();
    const code = page.url().split('/').pop();
    await page.getByRole('link', { name: `/attestations/${code}` }).click();
    await page.getByText('Cette attestation est authentique.').waitFor();
    assert.ok((await page.locator('main').innerText()).includes('Agent Complet'));
    assert.deepEqual(page.errors, []);
  });
}
