// The official npm xAPI client (@xapi/xapi) against the LRS read endpoint of Campus IA, as an
// HR tool would use it: about, statements with each supported filter, `more` pages, one
// statement by id, and a 401 for wrong credentials (tests/integration/xapi.rs sets up the data).
//
// Usage: node client.mjs ENDPOINT KEY SECRET EXPECTED_JSON   (ENDPOINT ends with /xapi/)
// EXPECTED_JSON: {"homePage", "inScope", "outOfScope" (account names), "moduleId", "courseId"
// (statement ids, the module's stored before `between`, the course's after), "moduleActivity",
// "courseActivity", "between" (a timestamp)}.
// Prints one line per check and "N passed, N failed"; exits non-zero when a check fails.
import { isDeepStrictEqual } from "node:util";
import XAPI from "@xapi/xapi";

const [endpoint, key, secret, expectedJson] = process.argv.slice(2);
const expected = JSON.parse(expectedJson);
const lrs = new XAPI({ endpoint, auth: XAPI.toBasicAuth(key, secret) });
const results = [];

function check(name, condition, detail = "") {
  results.push(Boolean(condition));
  console.log(`${condition ? "ok  " : "FAIL"} ${name}${condition ? "" : ` — ${JSON.stringify(detail)}`}`);
}

// The ids of a statements result, in order.
const ids = (result) => (result.statements ?? []).map((s) => s.id);
const agent = (name) => ({ objectType: "Agent", account: { homePage: expected.homePage, name } });
const both = [expected.courseId, expected.moduleId];

async function statusOf(promise) {
  try {
    const response = await promise;
    return response.status;
  } catch (error) {
    return error.response?.status ?? String(error);
  }
}

async function main() {
  // About: no credentials (the client then sends empty Basic ones), any version header.
  const anonymous = new XAPI({ endpoint });
  const about = await anonymous.getAbout();
  check("about answers 200 without credentials", about.status === 200, about.status);
  check("about lists version 1.0.3", Array.isArray(about.data.version) && about.data.version.includes("1.0.3"), about.data);
  check("about has no property besides version and extensions", Object.keys(about.data).every((k) => ["version", "extensions"].includes(k)), about.data);
  check("responses carry X-Experience-API-Version", about.headers["x-experience-api-version"] === "1.0.3", about.headers);
  const authenticated = await lrs.getAbout();
  check("about answers 200 with credentials", authenticated.status === 200 && isDeepStrictEqual(authenticated.data, about.data), authenticated.data);
  const oldVersion = new XAPI({ endpoint, version: "0.95" });
  check("about ignores the version header", (await statusOf(oldVersion.getAbout())) === 200);

  // Statements: newest first by default, every statement of the unit's agents only.
  const all = (await lrs.getStatements()).data;
  check("statements lists the unit's two, newest first", isDeepStrictEqual(ids(all), both), ids(all));
  check("a complete result has an empty `more`", all.more === "", all.more);
  check("statements are the unit's agent's", all.statements.every((s) => s.actor.account.name === expected.inScope), all.statements.map((s) => s.actor));
  check("statements carry `stored`", all.statements.every((s) => typeof s.stored === "string"), all.statements);

  // Filters.
  const completed = (await lrs.getStatements({ verb: "http://adlnet.gov/expapi/verbs/completed" })).data;
  check("verb filter keeps the matching verb", isDeepStrictEqual(ids(completed), both), ids(completed));
  const passed = (await lrs.getStatements({ verb: "http://adlnet.gov/expapi/verbs/passed" })).data;
  check("verb filter drops other verbs", ids(passed).length === 0, ids(passed));
  const course = (await lrs.getStatements({ activity: expected.courseActivity })).data;
  check("activity filter (course)", isDeepStrictEqual(ids(course), [expected.courseId]), ids(course));
  const module = (await lrs.getStatements({ activity: expected.moduleActivity })).data;
  check("activity filter (module)", isDeepStrictEqual(ids(module), [expected.moduleId]), ids(module));
  const mine = (await lrs.getStatements({ agent: agent(expected.inScope) })).data;
  check("agent filter (in the unit)", isDeepStrictEqual(ids(mine), both), ids(mine));
  const other = (await lrs.getStatements({ agent: agent(expected.outOfScope) })).data;
  check("agent filter (outside the unit) finds nothing", ids(other).length === 0, ids(other));
  const since = (await lrs.getStatements({ since: expected.between })).data;
  check("since keeps later statements", isDeepStrictEqual(ids(since), [expected.courseId]), ids(since));
  const until = (await lrs.getStatements({ until: expected.between })).data;
  check("until keeps earlier statements", isDeepStrictEqual(ids(until), [expected.moduleId]), ids(until));
  const ascending = (await lrs.getStatements({ ascending: true })).data;
  check("ascending lists oldest first", isDeepStrictEqual(ids(ascending), [...both].reverse()), ids(ascending));

  // Paging: one statement a page, following `more` until it is empty.
  for (const [name, params, order] of [
    ["newest first", { limit: 1 }, both],
    ["oldest first", { limit: 1, ascending: true }, [...both].reverse()],
  ]) {
    let page = (await lrs.getStatements(params)).data;
    const seen = [...ids(page)];
    let pages = 1;
    while (page.more && pages < 10) {
      page = (await lrs.getMoreStatements({ more: page.more })).data;
      seen.push(...ids(page));
      pages += 1;
    }
    check(`more pages (${name}) give every statement once, in order`, isDeepStrictEqual(seen, order) && pages === 2, { seen, pages });
  }

  // One statement by id, the statement itself.
  const single = await lrs.getStatement({ statementId: expected.moduleId });
  check("one statement by id", single.status === 200 && single.data.id === expected.moduleId && !("statements" in single.data), single.data);

  // Wrong credentials.
  const intruder = new XAPI({ endpoint, auth: XAPI.toBasicAuth(key, `${secret}x`) });
  check("wrong credentials are a 401", (await statusOf(intruder.getStatements())) === 401);
  check("no credentials are a 401", (await statusOf(anonymous.getStatements())) === 401);
}

try {
  await main();
} catch (error) {
  results.push(false);
  console.log(`FAIL the client stopped: ${error.response ? `${error.response.status} ${JSON.stringify(error.response.data)}` : error.stack}`);
}
const failed = results.filter((ok) => !ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
