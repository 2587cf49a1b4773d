import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { Api, DEMO_DATASET } from "./api";

/** The demo users seeded by prisma/seed.ts (local demo passwords, also in the README). */
export const USERS = {
  admin: { email: "admin@dqs.local", password: "admin-demo-pw", name: "Ada Admin", home: "/admin/users" },
  expert: { email: "expert@dqs.local", password: "expert-demo-pw", name: "Erik Expert", home: "/queue" },
  analyst: { email: "analyst@dqs.local", password: "analyst-demo-pw", name: "Ana Analyst", home: "/datasets" },
} as const;

export type DemoRole = keyof typeof USERS;

export { DEMO_DATASET };

/** Signs `request`'s cookies in through the sign-in API (what the form posts); fails the test unless it answers 200. */
async function signInByApi(
  request: APIRequestContext,
  { email, password }: { email: string; password: string },
  headers?: Record<string, string>,
): Promise<void> {
  const response = await request.post("/api/auth/signin", { data: { email, password }, headers });
  expect(response.status(), await response.text()).toBe(200);
}

/** Page object for signing in: through the real form, or through the API for the tests about something else. */
export class Session {
  constructor(readonly page: Page) {}

  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto("/signin");
    await this.page.getByTestId("signin.email").fill(email);
    await this.page.getByTestId("signin.password").fill(password);
    await this.page.getByTestId("signin.submit").click();
  }

  /** The sign-in form, as a person uses it, then the role's home page (auth.spec.ts tests this path). */
  async signInThroughForm(role: DemoRole): Promise<void> {
    const user = USERS[role];
    await this.signIn(user.email, user.password);
    await this.atHome(role);
  }

  /**
   * Signed in as `role` by the sign-in API on the page's own cookies (what the form posts; the form
   * itself is tested in auth.spec.ts). The page stays where it is: a test about something else opens
   * the page it is about, without loading the form or the role's home first.
   */
  async signInAs(role: DemoRole): Promise<void> {
    await signInByApi(this.page.request, USERS[role]);
  }

  /** Signed in as `role` (as signInAs), then on the role's home page. */
  async signInAtHome(role: DemoRole): Promise<void> {
    await this.signInAs(role);
    await this.page.goto(USERS[role].home);
    await this.atHome(role);
  }

  private async atHome(role: DemoRole): Promise<void> {
    await expect(this.page).toHaveURL(new RegExp(`${USERS[role].home}$`));
    await expect(this.page.getByTestId("nav.role")).toBeVisible();
  }
}

type CspProbe = { dqsCspViolation?: (text: string) => Promise<void> };

/** An account to act as: a demo role, or any email and password. */
export type Who = DemoRole | { email: string; password: string };

type Fixtures = {
  session: Session;
  /** The typed API client on the page's own cookies: signed in as whoever the page signed in as. */
  api: Api;
  /** A typed API client signed in as `who` through the API, in a request context of its own (disposed after the test). */
  apiAs: (who: Who) => Promise<Api>;
  cspViolations: string[];
  pageErrors: string[];
};

export const test = base.extend<Fixtures>({
  session: async ({ page }, provide) => {
    await provide(new Session(page));
  },
  api: async ({ page }, provide) => {
    await provide(new Api(page.request));
  },
  apiAs: async ({ playwright, baseURL }, provide) => {
    const contexts: APIRequestContext[] = [];
    await provide(async (who) => {
      const request = await playwright.request.newContext({ baseURL });
      contexts.push(request);
      // A documentation address of its own per context: the sign-in rate limit is per client address.
      await signInByApi(request, typeof who === "string" ? USERS[who] : who, {
        "x-forwarded-for": `2001:db8::${Math.floor(Math.random() * 0xffff).toString(16)}:${contexts.length}`,
      });
      return new Api(request);
    });
    await Promise.all(contexts.map((c) => c.dispose()));
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
  /**
   * Every test's page fails it on an uncaught error in the page, a failed hydration among them (React
   * then renders the page again in the browser: the elements a test holds are replaced under it).
   */
  pageErrors: [
    async ({ page }, provide) => {
      const seen: string[] = [];
      page.on("pageerror", (error) => seen.push(`${error.message.split("\n")[0]} (on ${new URL(page.url()).pathname})`));
      await provide(seen);
      expect(seen, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
