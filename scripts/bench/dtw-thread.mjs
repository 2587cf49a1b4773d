// Entry of a DQS pool thread (see dtw-threads.ts): Node 20 does not pass tsx's loader hooks on to
// worker threads, so register tsx here, then load the TypeScript thread code.
import { register } from "tsx/esm/api";

register();
await import("./dtw-threads.ts");
