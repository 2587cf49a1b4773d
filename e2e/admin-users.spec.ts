import { expect, test } from "./fixtures";
import { getJson } from "./api";

test("an admin creates a user, changes the role, and the new user signs in with it", async ({ page, session, browser }) => {
  const email = `new-${Date.now()}@dqs.local`;
  await session.signInAs("admin");
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
  await session.signInAs("admin");
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
