// @ts-check
// Importing env validates the environment once, at start-up: a bad value fails here with a clear message.
import "./lib/env.mjs";

/** Cross-origin isolation (SharedArrayBuffer) lets the tfjs WASM backend run multithreaded. */
const isolationHeaders = [
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
];

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR lets several builds (e.g. parallel e2e runs) live side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg"],
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: [...isolationHeaders, ...securityHeaders] }];
  },
};

export default nextConfig;
