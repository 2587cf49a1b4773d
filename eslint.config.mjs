// @ts-check
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** Layering (docs/architecture.md, "Layering"): app → components → lib; workers → lib; lib is pure. */
const noUiInLib = {
  patterns: [
    { group: ["react", "react-dom", "react/*", "next", "next/*"], message: "lib/ is pure: no React or Next.js." },
    { group: ["@prisma/*", "*/generated/prisma/*", "server-only"], message: "Prisma and server code live in lib/server/." },
    {
      group: ["@/app/*", "@/components/*", "@/workers/*", "../app/*", "../components/*", "../workers/*"],
      message: "lib/ imports nothing above it.",
    },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      ".data/**",
      "lib/server/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "test-results-*/**",
      "playwright-report/**",
      "bench-results/**",
      ".devbench/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/server/**"],
    rules: { "no-restricted-imports": ["error", noUiInLib] },
  },
  {
    files: ["workers/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-dom", "next", "next/*"], message: "Workers run no UI code." },
            { group: ["@/lib/server/*", "**/lib/server/*", "server-only"], message: "Workers cannot use server code." },
            { group: ["@/app/*", "@/components/*"], message: "Workers import lib/ only." },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/server/*", "**/lib/server/*"],
              message: "Components receive data as props; server code stays in lib/server/ and app/.",
            },
            { group: ["@/app/*"], message: "components/ does not import app/." },
          ],
        },
      ],
    },
  },
];

export default config;
