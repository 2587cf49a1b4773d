// @ts-check
// Importing env validates the environment once, at start-up: a bad value fails here with a clear message.
import "./lib/env.mjs";

/** Cross-origin isolation (SharedArrayBuffer) lets the tfjs WASM backend run multithreaded. */
const isolationHeaders = [
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
];

/** The Content-Security-Policy of pages (with its nonce) and HSTS are set per request in proxy.ts. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  // The features the app never uses, off (the same list as PERMISSIONS_POLICY in lib/security/security-headers.ts).
  {
    key: "Permissions-Policy",
    value:
      "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), " +
      "microphone=(), midi=(), payment=(), usb=(), serial=(), hid=(), browsing-topics=()",
  },
];

/** API responses are data: nothing in them may run or be framed. */
const apiHeaders = [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }];

/** @type {import("next").NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR lets several builds (e.g. parallel e2e runs) live side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg"],
  experimental: { authInterrupts: true },
  async headers() {
    return [
      { source: "/:path*", headers: [...isolationHeaders, ...securityHeaders] },
      { source: "/api/:path*", headers: apiHeaders },
    ];
  },
};

export default nextConfig;
