// Copies tfjs's WASM binaries to public/tfjs/ (served at /tfjs/, where workers/tf/backend.ts looks).
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";

const from = path.join("node_modules", "@tensorflow", "tfjs-backend-wasm", "dist");
const to = path.join("public", "tfjs");
mkdirSync(to, { recursive: true });
for (const file of readdirSync(from).filter((f) => f.endsWith(".wasm"))) copyFileSync(path.join(from, file), path.join(to, file));
