import { expect, test, USERS, type DemoRole } from "./fixtures";

const ROLE_LABELS: Record<DemoRole, string> = { admin: "Admin", expert: "Expert", analyst: "Analyst" };

test.describe("sign-in and roles", () => {
  for (const role of Object.keys(USERS) as DemoRole[]) {
    test(`${role} signs in and reaches the ${role} home page`, async ({ page, session }, testInfo) => {
      await session.signInThroughForm(role);
      await expect(page.getByTestId("nav.user")).toHaveText(USERS[role].name);
      await expect(page.getByTestId("nav.role")).toHaveText(ROLE_LABELS[role]);
      await page.screenshot({ path: testInfo.outputPath(`home-${role}.png`), fullPage: true });
    });
  }

  test("an anonymous visit is redirected to sign-in and comes back after it", async ({ page }) => {
    await page.goto("/datasets");
    await expect(page).toHaveURL(/\/signin\?next=%2Fdatasets$/);
    await page.getByTestId("signin.email").fill(USERS.analyst.email);
    await page.getByTestId("signin.password").fill(USERS.analyst.password);
    await page.getByTestId("signin.submit").click();
    await expect(page).toHaveURL(/\/datasets$/);
  });

  test("a wrong password is refused with a message", async ({ page, session }) => {
    await session.signIn(USERS.admin.email, "not-the-password");
    await expect(page.getByTestId("signin.error")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("the API answers 401 to anonymous callers and 403 to the wrong role", async ({ page, session, request }) => {
    expect((await request.get("/api/admin/users")).status()).toBe(401);
    expect((await request.get("/api/datasets")).status()).toBe(401);
    await session.signInAs("expert");
    const asExpert = await page.request.get("/api/admin/users");
    expect(asExpert.status()).toBe(403);
    expect((await asExpert.json()).error.code).toBe("forbidden");
    const create = await page.request.post("/api/admin/users", {
      data: { email: "x@dqs.local", name: "X", password: "long-enough", role: "admin" },
    });
    expect(create.status()).toBe(403);
  });

  test("a page the role may not see shows a clear 403 page", async ({ page, session }) => {
    await session.signInAs("expert");
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toContainText("not for your role");
  });

  test("signing out ends the session", async ({ page, session }) => {
    await session.signInAtHome("analyst");
    await page.getByTestId("nav.signout").click();
    await expect(page).toHaveURL(/\/signin$/);
    await page.goto("/datasets");
    await expect(page).toHaveURL(/\/signin\?next=/);
  });
});
