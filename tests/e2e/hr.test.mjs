// HR in Chromium: assigns the sample course to a unit, sees an agent of that unit complete it,
// and downloads the CSV export; every HR page passes axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE_URL, launchBrowser, openPage, accessibilityViolations, signInAsDemo } from './support.mjs';
import { completeSampleCourse } from './sample-course.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });


/** `YYYY-MM-DD`, `days` from today. */
function dateIn(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test('HR assigns a course to a unit, sees an agent complete it and downloads the CSV', async () => {
  const hr = await openPage(browser, { audit: true });
  await signInAsDemo(hr, 'rh@demo.campus-ia.fr');
  await hr.getByRole('link', { name: 'Suivi RH' }).click();
  await hr.getByRole('heading', { level: 1, name: /Suivi des formations : Direction du numérique/ }).waitFor();
  assert.deepEqual(await accessibilityViolations(hr), [], '/rh');

  await hr.getByRole('link', { name: 'Gérer les affectations de cours' }).click();
  assert.deepEqual(await accessibilityViolations(hr), [], '/rh/affectations');
  await hr.getByLabel('Cours à suivre').selectOption({ label: 'Prendre en main Campus IA' });
  await hr.getByLabel('Une unité').check();
  const unit = hr.getByLabel('Unité', { exact: true });
  await unit.selectOption(await unit.locator('option', { hasText: 'Service des usages' }).getAttribute('value'));
  await hr.getByLabel('Échéance').first().fill(dateIn(20));
  // `.first()`: the new assignment's form comes before those of existing assignments.
  await hr.getByLabel('Note pour les agents').first().fill('À suivre avant la fin du mois prochain.');
  await hr.getByRole('button', { name: 'Assigner le cours' }).click();
  await hr.getByText('Affectation enregistrée.').waitFor();

  // A new agent of that unit finds the course on "Mon parcours" and completes it.
  const agent = await openPage(browser);
  const name = `Agent Suivi ${Date.now()}`;
  await agent.goto(`${BASE_URL}/inscription`);
  await agent.getByLabel('Nom et prénom').fill(name);
  await agent.getByLabel('Adresse électronique professionnelle').fill(`suivi.${Date.now()}@exemple.gouv.fr`);
  const units = agent.getByLabel('Votre service');
  await units.selectOption(await units.locator('option', { hasText: 'Service des usages' }).getAttribute('value'));
  await agent.getByLabel('Mot de passe', { exact: true }).fill('une phrase de passe pour le suivi');
  await agent.getByRole('button', { name: 'Créer mon compte' }).click();
  await agent.waitForURL(`${BASE_URL}/cours`);
  await agent.goto(`${BASE_URL}/mon-parcours`);
  await agent.getByRole('heading', { name: 'Cours assignés' }).waitFor();
  await agent.getByText('À suivre avant la fin du mois prochain.').waitFor();

  await hr.goto(`${BASE_URL}/rh?statut=non-commence`);
  await hr.getByRole('row', { name: new RegExp(name) }).getByText('Non commencé').waitFor();

  await completeSampleCourse(agent);

  await hr.goto(`${BASE_URL}/rh`);
  await hr.getByRole('combobox', { name: 'Statut' }).selectOption({ label: 'Terminé' });
  await hr.getByRole('button', { name: 'Filtrer' }).click();
  const row = hr.getByRole('row', { name: new RegExp(name) });
  await row.getByText('Terminé').waitFor();
  await row.getByRole('link', { name }).click();
  await hr.getByRole('heading', { level: 1, name }).waitFor();
  assert.deepEqual(await accessibilityViolations(hr), [], '/rh/agents/…');

  // The CSV of the filtered list: BOM, French header, the agent's line.
  await hr.goBack();
  const [download] = await Promise.all([hr.waitForEvent('download'), hr.getByRole('button', { name: 'Télécharger en CSV' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFFAgent;Adresse électronique;Unité;Cours;Statut'), csv.slice(0, 80));
  const line = csv.split('\r\n').find((l) => l.startsWith(name));
  assert.ok(line, `the agent's line is in the export:\n${csv}`);
  assert.ok(line.includes(';Service des usages;Prendre en main Campus IA;Terminé;'), line);
  assert.deepEqual(hr.errors, []);
  assert.deepEqual(agent.errors, []);
});
