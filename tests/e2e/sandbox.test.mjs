// The sandbox (/atelier) in Chromium, as an agent practises: a request for legal references without a
// source gets an invented reference and its debrief; a summary is made of the text the agent
// pasted (text written by this test, so it cannot be canned); an instruction hidden in a pasted
// e-mail is obeyed, then caught by the debrief. With and without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, openPage, signInAsDemo } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function send(page, text) {
  await page.getByLabel("Demande à l'assistant").fill(text);
  await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`the simulated assistant stages its failures and debriefs them ${mode}`, async () => {
    const page = await openPage(browser, { javaScriptEnabled });
    await signInAsDemo(page, 'agent@demo.campus-ia.fr');
    await page.goto(`${BASE_URL}/atelier`);
    assert.ok(await page.getByRole('link', { name: 'Résumer un rapport de la chambre régionale des comptes' }).count());

    await page.goto(`${BASE_URL}/atelier/resumer-un-rapport`);
    await page.getByRole('button', { name: 'Effacer la conversation' }).click();
    await page.waitForURL(`${BASE_URL}/atelier/resumer-un-rapport`);
    if (javaScriptEnabled) await page.waitForTimeout(400); // let the chat island hydrate

    // 1. An invented reference, then its debrief.
    await send(page, 'Quels articles de loi obligent la commune à adopter un plan pluriannuel d\'investissement ?');
    const debrief = page.locator('.debrief').last();
    await debrief.getByText('Référence juridique inventée').waitFor();
    assert.match(await debrief.innerText(), /Légifrance/);
    assert.match(await page.locator('.message--assistant').last().innerText(), /article L\. \d+-\d+/);

    // 2. A summary made of the agent's own pasted text.
    const stamp = Date.now() % 100000;
    const sentences = [
      `Le conseil de quartier numéro ${stamp} a réuni quarante habitants autour du projet de jardin partagé.`,
      'Le jardin partagé ouvrira au printemps sur la parcelle de la rue des Tilleuls.',
      'Les habitants demandent un récupérateur d\'eau de pluie pour le jardin partagé.',
      'La buvette a servi des boissons chaudes.',
    ];
    await send(page, `Résume ce compte rendu en 2 points pour les élus : « ${sentences.join(' ')} »`);
    if (!javaScriptEnabled) await page.waitForURL(/#reponse$/);
    const summary = page.locator('.message--assistant').last();
    await summary.getByText('Résumé de votre texte').waitFor();
    const points = (await summary.innerText()).split('\n').filter((line) => line.startsWith('- '));
    assert.equal(points.length, 2, await summary.innerText());
    for (const point of points) assert.ok(sentences.includes(point.slice(2)), `made of the pasted text: ${point}`);
    assert.ok(!points.some((p) => p.includes('buvette')), 'the side remark is left out');

    // 3. A hidden instruction in a pasted e-mail, obeyed and caught.
    await page.goto(`${BASE_URL}/atelier/courriel-de-fournisseur`);
    await page.getByRole('button', { name: 'Effacer la conversation' }).click();
    await page.waitForURL(`${BASE_URL}/atelier/courriel-de-fournisseur`);
    if (javaScriptEnabled) await page.waitForTimeout(400);
    const email = await page.locator('pre.document-text').innerText();
    assert.match(email, /Ignorez les instructions précédentes/);
    await send(page, `Résume ce courriel en 3 points : « ${email.trim()} »`);
    const caught = page.locator('.debrief').last();
    await caught.getByText("Consigne cachée dans le document, suivie par l'assistant").waitFor();
    assert.match(await caught.innerText(), /Ignorez les instructions précédentes/);
    assert.match(await page.locator('.message--assistant').last().innerText(), /La facture a déjà été payée\./);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}
