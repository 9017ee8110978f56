// The directory page in Chromium, with and without JavaScript: the demo administrator uploads an
// agents file, reads the dry run (nothing written yet), applies it, and sees what it did; a file
// with problems lists them line by line and offers no apply button. Every page passes axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, accessibilityViolations, signInAsDemo } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const javaScriptEnabled of [true, false]) {
  test(`an administrator imports agents from a CSV file (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const page = await openPage(browser, { javaScriptEnabled, audit: javaScriptEnabled });
    // axe-core runs in the page: only with JavaScript.
    const audit = async (what) => { if (javaScriptEnabled) assert.deepEqual(await accessibilityViolations(page), [], what); };
    await signInAsDemo(page, 'admin@demo.campus-ia.fr');
    await page.goto(new URL('/admin', page.url()).href);
    await page.getByRole('link', { name: 'Annuaire des agents' }).click();
    await page.getByRole('heading', { level: 1, name: 'Annuaire des agents' }).waitFor();
    await audit('/annuaire');

    // A file with a problem: reported with its line, no apply button.
    await page.getByLabel('Fichier', { exact: true }).setInputFiles({ name: 'agents.csv', mimeType: 'text/csv', buffer: Buffer.from('email;prenom;nom;unite\npas-une-adresse;Léa;Petit;Mairie\n') });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.getByText(/ligne 2 : l'adresse électronique doit avoir la forme/).waitFor();
    assert.equal(await page.getByRole('button', { name: "Appliquer l'import" }).count(), 0);
    await audit('report with problems');

    // A good file: the dry run, then the apply.
    const suffix = `${Date.now()}${javaScriptEnabled ? 'js' : 'html'}`;
    const csv = `\ufeffemail;prenom;nom;unite;role\nlea.${suffix}@mairie-e2e.fr;Léa;Petit;Mairie E2E ${suffix} / État civil;rh\nhugo.${suffix}@mairie-e2e.fr;Hugo;Martin;Mairie E2E ${suffix} / État civil;\n`;
    await page.goto(new URL('/annuaire', page.url()).href);
    await page.getByLabel('Fichier', { exact: true }).setInputFiles({ name: 'agents.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.getByRole('heading', { name: /Ce que l'import va faire/ }).waitFor();
    await page.getByText('2 compte(s) créé(s)').waitFor();
    await page.getByText('2 unité(s) créée(s)').waitFor();
    await audit('dry-run report');
    await page.getByRole('button', { name: "Appliquer l'import" }).click();
    await page.getByText(/Import appliqué : 2 créé\(s\)/).waitFor();
    await page.getByRole('heading', { name: /Ce que l'import a fait/ }).waitFor();
    assert.equal(await page.getByRole('button', { name: "Appliquer l'import" }).count(), 0, 'applied once');

    // The new agents are in the accounts list.
    await page.goto(new URL('/admin/utilisateurs', page.url()).href);
    await page.getByText(`lea.${suffix}@mairie-e2e.fr`).waitFor();
    await page.close();
  });
}
