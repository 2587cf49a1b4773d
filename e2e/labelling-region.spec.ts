import type { APIRequestContext, Page } from "@playwright/test";
import { encodeFrame } from "../lib/binary-frame";
import { formatClock } from "../lib/charts/time-format";
import { createRun, createTinyDataset, signedInContext } from "./api-helpers";
import { expect, test } from "./fixtures";
import { getJson } from "./api";

/**
 * The labelling page on a run of its own (scores seeded through the API, no training): an expert
 * drags a region on the score, nudges its ends with the keys, switches the score to the log scale,
 * labels, sees the toast and the session list, finds the region end stored with the label, undoes
 * with Ctrl+Z, opens "?", and sees which channel drives the alarm in the heat map; an analyst sees
 * the same heat map on the sequence view; at 390 px the page does not scroll sideways.
 */
const STEPS = 200;
/** Channel b's part of the score jumps over these steps: it drives the alarm. */
const FAULT = { from: 120, to: 160 };

/** Each channel's NLL (a: about 1, b: 1 and 40 + 10·sin over the fault), the score their sum; channel-major after the score. */
function seededScores(): Float32Array {
  const a = Float32Array.from({ length: STEPS }, (_, t) => 1 + 0.2 * Math.sin(t / 5));
  const b = Float32Array.from({ length: STEPS }, (_, t) =>
    t >= FAULT.from && t < FAULT.to ? 40 + 10 * Math.sin(t / 3) : 1 - 0.3 * Math.cos(t / 7),
  );
  const score = a.map((v, t) => v + (b[t] ?? 0));
  const values = new Float32Array(STEPS * 3);
  values.set(score, 0);
  values.set(a, STEPS);
  values.set(b, 2 * STEPS);
  return values;
}

async function seedRun(admin: APIRequestContext) {
  const { datasetId, sequences } = await createTinyDataset(admin, STEPS);
  const runId = await createRun(admin, datasetId);
  for (const s of sequences) {
    const frame = Buffer.from(encodeFrame({ sequenceId: s.id, length: s.length, channels: 2 }, new Uint8Array(seededScores().buffer)));
    const put = await admin.put(`/api/runs/${runId}/scores`, { data: frame, headers: { "content-type": "application/octet-stream" } });
    expect(put.status(), await put.text()).toBe(204);
  }
  expect((await admin.patch(`/api/runs/${runId}`, { data: { status: "complete", threshold: 20 } })).status()).toBe(200);
  const { users } = await getJson<{ users: { id: string; email: string }[] }>(admin, "/api/admin/users");
  const expert = users.find((u) => u.email === "expert@dqs.local")?.id;
  expect((await admin.put(`/api/datasets/${datasetId}/assignments`, { data: { userIds: [expert] } })).status()).toBe(200);
  const sequence = sequences[0]!;
  const picks = [{ key: `${sequence.id}:0-${sequence.length}`, rank: 0, reason: "e2e pick" }];
  const created = await admin.post(`/api/runs/${runId}/batches`, {
    data: { strategy: "random", budget: 1, seed: 1, segmentLength: null, threshold: null, picks },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { batch } = (await created.json()) as { batch: { id: string } };
  const { batches } = await getJson<{ batches: { id: string; queries: { id: string }[] }[] }>(admin, `/api/runs/${runId}/batches`);
  const queryId = batches.find((b) => b.id === batch.id)?.queries[0]?.id ?? "";
  return { datasetId, runId, sequenceId: sequence.id, queryId };
}

/** Press on the score plot at `from` of its width, drag to `to`, release. */
async function dragOnScore(page: Page, from: number, to: number) {
  const box = await page.getByTestId("label.chart.score").boundingBox();
  if (!box) throw new Error("no score chart");
  const y = box.y + 110;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((from + to) / 2), y, { steps: 4 });
  await page.mouse.move(box.x + box.width * to, y, { steps: 4 });
  await page.mouse.up();
}

const onsetOf = async (page: Page) => {
  const el = page.getByTestId("label.onset");
  return { onset: Number(await el.getAttribute("data-step")), end: Number(await el.getAttribute("data-region-end")) };
};

test("an expert drags a region, nudges it, labels, sees the toast and the heat map, undoes with Ctrl+Z; the label keeps the region end", async ({
  page,
  session,
  browser,
}, testInfo) => {
  test.setTimeout(3 * 60_000);
  const adminContext = await signedInContext(browser, "admin");
  const seeded = await seedRun(adminContext.request);
  await adminContext.close();

  await page.setViewportSize({ width: 1400, height: 900 });
  await session.signInAs("expert");
  await page.goto(`/queue/${seeded.queryId}`);
  const score = page.getByTestId("label.chart.score");
  await expect(score).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("label.chart.channels")).toHaveAttribute("data-ready", "true");
  // The score plot is in view without scrolling, the heat map under it names the channel behind the alarm.
  const scoreBox = await score.boundingBox();
  expect((scoreBox?.y ?? 0) + (scoreBox?.height ?? 0)).toBeLessThanOrEqual(900);
  await expect(page.getByTestId("label.heatmap.chart")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("label.heatmap.driver")).toHaveAttribute("data-channel", "b");

  // A drag across the score marks the region: onset at its start, the end kept.
  await dragOnScore(page, 0.35, 0.6);
  await expect(page.getByTestId("label.region")).toBeVisible();
  const dragged = await onsetOf(page);
  expect(dragged.end).toBeGreaterThan(dragged.onset + 10);
  await expect(score).toHaveAttribute("data-region-end", String(dragged.end));
  // Shift+→ moves the onset, Alt+Shift+← the region's end, a step each.
  await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("Alt+Shift+ArrowLeft");
  await expect(page.getByTestId("label.onset")).toHaveAttribute("data-step", String(dragged.onset + 1));
  await expect(page.getByTestId("label.onset")).toHaveAttribute("data-region-end", String(dragged.end - 1));
  const marked = { onset: dragged.onset + 1, end: dragged.end - 1 };

  // The log scale says what it is on the axis.
  await page.getByTestId("label.logscale").check();
  await expect(score).toHaveAttribute("data-scale", "symlog");
  await page.screenshot({ path: testInfo.outputPath("labelling-desktop.png") });

  // A: the toast says what was said and the region, the session list too; the server stores the region end.
  await page.keyboard.press("a");
  // In the sequence's time (the tiny dataset is sampled at 1 Hz), with the steps beside it.
  const said = `anomalous from ${formatClock(marked.onset)} to ${formatClock(marked.end)} (steps ${marked.onset}–${marked.end})`;
  await expect(page.getByTestId("label.toast")).toContainText(said);
  await expect(page.getByTestId("label.session.item").first()).toContainText(said);
  await expect(page.getByTestId("threshold.sync")).toHaveAttribute("data-pending", "0", { timeout: 20_000 });
  await expect(page.getByTestId("label.toast")).toContainText("saved");
  const stored = async () => {
    const { queries } = await getJson<{ queries: { queryId: string; labels: { onset: number | null; regionEnd?: number | null }[] }[] }>(
      page.request,
      `/api/runs/${seeded.runId}/labels`,
    );
    return queries.find((q) => q.queryId === seeded.queryId)?.labels ?? [];
  };
  expect((await stored()).map((l) => [l.onset, l.regionEnd])).toEqual([[marked.onset, marked.end]]);
  // The queue's list says it the same way.
  expect(await (await page.request.get("/queue")).text()).toContain(said);
  await page.screenshot({ path: testInfo.outputPath("labelling-toast.png") });

  // Ctrl+Z takes it back: the page returns to the stretch, the toast goes, the server forgets the label.
  await page.keyboard.press("Control+z");
  await expect(page).toHaveURL(new RegExp(`/queue/${seeded.queryId}$`));
  await expect(page.getByTestId("label.toast")).toHaveCount(0);
  await expect(page.getByTestId("label.mine")).toContainText("Not labelled by you yet");
  await expect(page.getByTestId("label.session")).toContainText("No labels yet");
  await expect(page.getByTestId("threshold.sync")).toHaveAttribute("data-pending", "0", { timeout: 20_000 });
  expect(await stored()).toEqual([]);

  // "?" lists the keys, the region's among them.
  await page.keyboard.press("?");
  await expect(page.getByTestId("label.help")).toContainText("move the region's end by one step");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("label.help")).toHaveCount(0);

  // The phone: nothing wider than the screen, the score before the buttons.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("label.chart.score")).toHaveAttribute("data-ready", "true");
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const phoneScore = await score.boundingBox();
  const buttons = await page.getByTestId("label.anomalous").boundingBox();
  expect(phoneScore && buttons && phoneScore.y < buttons.y).toBe(true);
  await page.screenshot({ path: testInfo.outputPath("labelling-phone.png") });
  await page.screenshot({ path: testInfo.outputPath("labelling-phone-full.png"), fullPage: true });

  // The analyst's sequence view shows the same heat map for the chosen run.
  const analyst = await signedInContext(browser, "analyst");
  const view = await analyst.newPage();
  await view.goto(`/datasets/${seeded.datasetId}/sequences/${seeded.sequenceId}`);
  await expect(view.getByTestId("sequence.heatmap.run")).toHaveValue(seeded.runId);
  await expect(view.getByTestId("sequence.heatmap.map.chart")).toHaveAttribute("data-ready", "true");
  await expect(view.getByTestId("sequence.heatmap.map.driver")).toHaveAttribute("data-channel", "b");
  await view.screenshot({ path: testInfo.outputPath("sequence-heatmap.png"), fullPage: true });
  // The per-channel scores are role-checked like the scores: an anonymous caller gets 401.
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`/api/runs/${seeded.runId}/scores/${seeded.sequenceId}/channels`)).status()).toBe(401);
  await Promise.all([analyst.close(), anonymous.close()]);
});
