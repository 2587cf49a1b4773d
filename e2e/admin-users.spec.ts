import { getJson, errorOf, Api, jsonOf, type UserView } from "./api";
import { DEMO_DATASET, expect, test } from "./fixtures";

test("an admin creates a user, changes the role, and the new user signs in with it", async ({ page, session, browser }) => {
  const email = `new-${Date.now()}@dqs.local`;
  await session.signInAtHome("admin");
  await page.getByTestId("users.new.name").fill("Nia New");
  await page.getByTestId("users.new.email").fill(email);
  await page.getByTestId("users.new.password").fill("a-good-password");
  await page.getByTestId("users.new.role").selectOption("expert");
  await page.getByTestId("users.new.submit").click();
  await expect(page.getByTestId("users.message")).toHaveText(`Created ${email}.`);

  const row = page.locator(`[data-testid="users.row"][data-email="${email}"]`);
  await row.getByTestId("users.role").selectOption("analyst");
  await expect(page.getByTestId("users.message")).toHaveText(`${email} is now analyst.`);
  await page.reload();
  await expect(row.getByTestId("users.role")).toHaveValue("analyst");

  const other = await browser.newPage();
  await other.goto("/signin");
  await other.getByTestId("signin.email").fill(email);
  await other.getByTestId("signin.password").fill("a-good-password");
  await other.getByTestId("signin.submit").click();
  await expect(other).toHaveURL(/\/datasets$/);
  await expect(other.getByTestId("nav.role")).toHaveText("Analyst");
  await other.close();
});

test("a duplicate email and a short password are refused with clear messages", async ({ page, session }) => {
  await session.signInAtHome("admin");
  await page.getByTestId("users.new.name").fill("Dup");
  await page.getByTestId("users.new.email").fill("expert@dqs.local");
  await page.getByTestId("users.new.password").fill("a-good-password");
  await page.getByTestId("users.new.submit").click();
  await expect(page.getByTestId("users.message")).toHaveText("A user with the email expert@dqs.local already exists.");

  const short = await page.request.post("/api/admin/users", {
    data: { email: "short@dqs.local", name: "S", password: "123", role: "expert" },
  });
  expect(short.status()).toBe(422);
  expect((await short.json()).error.message).toContain("at least 10 characters");
  await page.reload();
  // Other tests create users in parallel, so check the rows this test touched rather than a count.
  await expect(page.locator('[data-testid="users.row"][data-email="expert@dqs.local"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="users.row"][data-email="short@dqs.local"]')).toHaveCount(0);
});

test("the last admin cannot be demoted", async ({ page, session }) => {
  await session.signInAs("admin");
  const users = await getJson<{ users: { id: string; role: string }[] }>(page.request, "/api/admin/users");
  const admins = users.users.filter((u) => u.role === "admin");
  test.skip(admins.length !== 1, "another test created a second admin");
  const response = await page.request.patch(`/api/admin/users/${admins[0]?.id}`, { data: { role: "expert" } });
  expect(response.status()).toBe(409);
  expect((await response.json()).error.message).toBe("At least one admin must remain.");
});

test("the search box filters users by name or email", async ({ page, session }) => {
  await session.signInAtHome("admin");
  const search = page.getByTestId("users.search");
  await search.fill("erik");
  await expect(page.getByTestId("users.row")).toHaveCount(1);
  await expect(page.getByTestId("users.row")).toHaveAttribute("data-email", "expert@dqs.local");
  await expect(page.getByTestId("users.count")).toContainText(/^1 of \d+ users$/);
  await search.fill("ANALYST@dqs");
  await expect(page.getByTestId("users.row")).toHaveAttribute("data-email", "analyst@dqs.local");
  await search.fill("nobody-by-this-name");
  await expect(page.getByTestId("users.row")).toHaveCount(0);
  await expect(page.getByTestId("users.none")).toBeVisible();
  await search.fill("");
  await expect(page.locator('[data-testid="users.row"][data-email="admin@dqs.local"]')).toHaveCount(1);
});

test("a deactivated user is signed out, cannot sign in, cannot be assigned, and can be reactivated", async ({
  page,
  session,
  browser,
}, testInfo) => {
  const stamp = Date.now();
  const email = `gone-${stamp}@dqs.local`;
  const password = "a-good-password";
  await session.signInAs("admin");
  const created = await page.request.post("/api/admin/users", { data: { email, name: `Gus Gone ${stamp}`, password, role: "expert" } });
  expect(created.status()).toBe(201);
  const { user } = await jsonOf<{ user: UserView }>(created);

  // Signed in elsewhere before the deactivation.
  const other = await browser.newPage();
  const signIn = async () => {
    await other.goto("/signin");
    await other.getByTestId("signin.email").fill(email);
    await other.getByTestId("signin.password").fill(password);
    await other.getByTestId("signin.submit").click();
  };
  await signIn();
  await expect(other).toHaveURL(/\/queue$/);

  await page.goto("/admin/users");
  await page.getByTestId("users.search").fill(String(stamp));
  const row = page.locator(`[data-testid="users.row"][data-email="${email}"]`);
  await expect(page.getByTestId("users.row")).toHaveCount(1);
  await row.getByTestId("users.toggle-active").click();
  await expect(page.getByTestId("users.message")).toHaveText(`${email} is deactivated: signed out everywhere, and cannot sign in.`);
  await expect(row).toHaveAttribute("data-active", "false");
  await expect(row.getByTestId("users.toggle-active")).toHaveText("Reactivate");
  await page.screenshot({ path: testInfo.outputPath("users-deactivated.png"), fullPage: true });

  // The open session ends at once; signing in again is refused with a clear message.
  await other.goto("/queue");
  await expect(other).toHaveURL(/\/signin/);
  await signIn();
  await expect(other.getByTestId("signin.error")).toHaveText("This account is deactivated. Ask an admin to reactivate it.");

  // Not assignable while deactivated.
  const datasetId = (await new Api(page.request).datasets())[0]?.id ?? "";
  const assign = await page.request.put(`/api/datasets/${datasetId}/assignments`, { data: { userIds: [user.id] } });
  expect(assign.status()).toBe(422);
  expect((await errorOf(assign)).message).toContain("deactivated");

  // The admin's own account cannot be deactivated.
  const me = await getJson<{ users: { id: string; email: string }[] }>(page.request, "/api/admin/users");
  const adminId = me.users.find((u) => u.email === "admin@dqs.local")?.id;
  const self = await page.request.patch(`/api/admin/users/${adminId}`, { data: { active: false } });
  expect(self.status()).toBe(409);
  expect((await errorOf(self)).message).toBe("You cannot deactivate your own account.");
  await page.getByTestId("users.search").fill("admin@dqs.local");
  await expect(page.locator('[data-testid="users.row"][data-email="admin@dqs.local"]').getByTestId("users.toggle-active")).toBeDisabled();

  // Reactivated: signs in again.
  await page.getByTestId("users.search").fill(String(stamp));
  await row.getByTestId("users.toggle-active").click();
  await expect(page.getByTestId("users.message")).toHaveText(`${email} is active again.`);
  await expect(row).toHaveAttribute("data-active", "true");
  await signIn();
  await expect(other).toHaveURL(/\/queue$/);
  await other.close();

  // Both changes are in the audit log.
  await page.goto("/admin/audit");
  await expect(page.locator('[data-testid="audit.row"][data-action="user.deactivate"]').filter({ hasText: email })).toHaveCount(1);
  await expect(page.locator('[data-testid="audit.row"][data-action="user.reactivate"]').filter({ hasText: email })).toHaveCount(1);
});

test("the expert list of a dataset is compact, searchable and counts the selection", async ({ page, session }, testInfo) => {
  await session.signInAs("admin");
  const demo = await new Api(page.request).datasetNamed(DEMO_DATASET);
  await page.goto(`/datasets/${demo?.id}`);
  const erik = page.locator('[data-testid="assignments.item"][data-email="expert@dqs.local"]');
  await expect(erik).toBeVisible();
  // The checkbox sits on the name's line.
  const box = await erik.getByTestId("assignments.expert").boundingBox();
  const name = await erik.getByTestId("assignments.name").boundingBox();
  expect(box && name && Math.abs(box.y + box.height / 2 - (name.y + name.height / 2))).toBeLessThan(8);
  await expect(page.getByTestId("assignments.count")).toHaveText(/^\d+ of \d+ selected$/);
  await page.getByTestId("assignments").screenshot({ path: testInfo.outputPath("assignments.png") });
  await page.getByTestId("assignments.search").fill("Erik");
  await expect(page.getByTestId("assignments.item")).toHaveCount(1);
  await page.getByTestId("assignments.search").fill("expert@DQS");
  await expect(erik).toBeVisible();
  await page.getByTestId("assignments.search").fill("no-such-expert");
  await expect(page.getByTestId("assignments.item")).toHaveCount(0);
  await expect(page.getByTestId("assignments.none")).toBeVisible();
});
