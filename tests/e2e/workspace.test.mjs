// A trainer in Chromium: creates a course whose module has a quiz, sees the validator's error
// appear (live with JavaScript, after saving without), fixes it, publishes, and an agent then
// finds the course in the catalogue. The workspace pages pass axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, openPage, accessibilityViolations, signInAsDemo } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });


function moduleText(right) {
  return `+++
title = "Découvrir le quiz"
duration = 5
objectives = ["Répondre à une question"]
+++

## Une question

Un module écrit dans le navigateur.

\`\`\`quiz
? Qui publie le RGAA ?
- (${right ? 'x' : ' '}) La DINUM
  > Oui : la direction interministérielle du numérique.
- ( ) La CNIL
  > Non : la CNIL protège les données personnelles.
! Le RGAA est publié par la DINUM.
\`\`\`
`;
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript (live check)' : 'without JavaScript (check on save)';

  test(`a trainer creates, fixes and publishes a course that agents then find ${mode}`, async () => {
    const trainer = await openPage(browser, { javaScriptEnabled, audit: true });
    await signInAsDemo(trainer, 'formateur@demo.campus-ia.fr');
    await trainer.getByRole('link', { name: 'Espace formateur' }).click();
    // axe-core runs in the page: audits need JavaScript.
    const audit = async (what) => { if (javaScriptEnabled) assert.deepEqual(await accessibilityViolations(trainer), [], what); };
    await audit('/formation');

    const stamp = `${javaScriptEnabled ? 'js' : 'sans-js'}-${Date.now()}`;
    const title = `Cours écrit en ligne ${stamp}`;
    await trainer.getByLabel('Titre').fill(title);
    await trainer.getByLabel('Adresse du cours').fill(`cours-${stamp}`);
    await trainer.getByRole('button', { name: 'Créer le cours' }).click();
    await trainer.getByText('Cours créé en brouillon').waitFor();
    await audit('/formation/cours/…');

    await trainer.getByRole('link', { name: '01-introduction.md' }).click();
    const text = trainer.getByLabel('Texte du module (Markdown)');
    if (javaScriptEnabled) {
      await trainer.waitForTimeout(400); // let the editor island hydrate
      await text.fill(moduleText(false));
      await trainer.getByText('1 problème(s) dans ce module').waitFor();
      await trainer.getByText(/la question n'a aucune bonne réponse/).first().waitFor();
      await text.fill(moduleText(true));
      await trainer.getByText('Aucun problème dans ce module.').waitFor();
      await trainer.getByText('Quiz n° 1 : 1 question', { exact: true }).waitFor();
      await trainer.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    } else {
      await text.fill(moduleText(false));
      await trainer.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
      await trainer.getByText('1 problème(s) dans ce module').waitFor();
      await trainer.getByLabel('Texte du module (Markdown)').fill(moduleText(true));
      await trainer.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
      await trainer.getByText('Aucun problème dans ce module.').waitFor();
    }
    await trainer.getByText('Brouillon enregistré.').waitFor();
    await audit('module editor');

    await trainer.getByRole('link', { name: 'Retour au cours' }).click();
    await trainer.getByText('Aucun problème : le cours peut être publié.').waitFor();
    await trainer.getByRole('button', { name: 'Publier' }).click();
    await trainer.getByText(/Publié : version \d+ en ligne\./).waitFor();
    await trainer.getByRole('link', { name: 'Historique des versions' }).click();
    await audit('versions');
    assert.deepEqual(trainer.errors, []);

    const agent = await openPage(browser, { javaScriptEnabled });
    await signInAsDemo(agent, 'agent@demo.campus-ia.fr');
    await agent.goto(`${BASE_URL}/cours`);
    await agent.getByRole('link', { name: title }).click();
    await agent.getByRole('heading', { level: 1, name: title }).waitFor();
    await agent.getByRole('link', { name: /Découvrir le quiz/ }).first().click();
    await agent.getByText('Qui publie le RGAA ?').waitFor();
    assert.deepEqual(agent.errors, []);
  });
}
