import { test as base, expect, type Page } from "@playwright/test";

/** The demo users seeded by prisma/seed.ts (local demo passwords, also in the README). */
export const USERS = {
  admin: { email: "admin@dqs.local", password: "admin-demo-pw", name: "Ada Admin", home: "/admin/users" },
  expert: { email: "expert@dqs.local", password: "expert-demo-pw", name: "Erik Expert", home: "/queue" },
  analyst: { email: "analyst@dqs.local", password: "analyst-demo-pw", name: "Ana Analyst", home: "/datasets" },
} as const;

export type DemoRole = keyof typeof USERS;

export const DEMO_DATASET = "PATH demo (EV powertrain)";

/** Page object for signing in and out through the real form. */
export class Session {
  constructor(readonly page: Page) {}

  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto("/signin");
    await this.page.getByTestId("signin.email").fill(email);
    await this.page.getByTestId("signin.password").fill(password);
    await this.page.getByTestId("signin.submit").click();
  }

  async signInAs(role: DemoRole): Promise<void> {
    const user = USERS[role];
    await this.signIn(user.email, user.password);
    await expect(this.page).toHaveURL(new RegExp(`${user.home}$`));
    await expect(this.page.getByTestId("nav.role")).toBeVisible();
  }
}

type CspProbe = { dqsCspViolation?: (text: string) => Promise<void> };

export const test = base.extend<{ session: Session; cspViolations: string[] }>({
  session: async ({ page }, provide) => {
    await provide(new Session(page));
  },
  /**
   * Every test's page reports Content-Security-Policy violations (across navigations) and the test
   * fails on any: a policy that blocks something the app needs can break a page without an error.
   */
  cspViolations: [
    async ({ page }, provide) => {
      const seen: string[] = [];
      await page.exposeBinding("dqsCspViolation", (_source, text: string) => {
        seen.push(text);
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          void (window as unknown as CspProbe).dqsCspViolation?.(
            `${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${location.pathname}`,
          );
        });
      });
      await provide(seen);
      expect(seen, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
