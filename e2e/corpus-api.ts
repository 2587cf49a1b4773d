import { randomUUID } from "node:crypto";
import { encodeFrame } from "../lib/binary-frame";

/**
 * The corpus of malformed API bodies (e2e/corpus.spec.ts) across the state-changing routes: wrong
 * types, missing and extra fields, numbers out of range, NaN as a string, JSON that is invalid, too
 * deep, or holds a NUL or a lone surrogate, another content type, an empty body, arrays for objects,
 * unknown ids. Each names who sends it, its expected status and words of its message.
 */

/** What the spec sets up before the corpus runs (every id real, on data of its own). */
export type CorpusWorld = {
  /** A dataset with a complete run (C) and a running one (R); its experts: the demo expert. */
  datasetA: string;
  datasetAName: string;
  /** Sequences of A (40 steps, 2 channels each). */
  seqA: { id: string; length: number }[];
  /** A dataset without runs (its splits can still change). */
  datasetB: string;
  seqB: { id: string; length: number; split: string }[];
  complete: string;
  running: string;
  /** The query of a batch on C ([0, 40) of seqA[0]) and the expert's label on it. */
  queryId: string;
  queryKey: string;
  labelId: string;
  adminId: string;
  expertId: string;
};

export type ApiCase = {
  name: string;
  as?: "admin" | "expert";
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  /** An object is sent as JSON; a string or Buffer as it is, with `type` as its content type. */
  body?: unknown;
  raw?: string | Buffer;
  type?: string;
  status: number;
  message: string;
};

const JSON_TYPE = "application/json";
const OCTETS = "application/octet-stream";
const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
const config = { windowSize: 4, epochs: 1, batchSize: 8, learningRate: 0.001, patience: 1, seed: 1 };
const floats = (values: number[]) => Buffer.from(new Float32Array(values).buffer);
const frame = (header: unknown, body: Buffer | Uint8Array = new Uint8Array()) => Buffer.from(encodeFrame(header, body));
/** A frame whose header is the given JSON text, as written. */
const rawFrame = (json: string, body = Buffer.alloc(0)) => {
  const head = Buffer.alloc(4);
  head.writeUInt32LE(Buffer.byteLength(json));
  return Buffer.concat([head, Buffer.from(json), body]);
};

export function apiCases(w: CorpusWorld): ApiCase[] {
  const user = { email: `corpus-${randomUUID().slice(0, 8)}@dqs.local`, name: "Corpus user", password: "e2e-Corpus-pw-1", role: "analyst" };
  const [s1, s2] = w.seqA;
  const len = s1?.length ?? 40;
  const scores = (header: Record<string, unknown>, values: number[]) => frame(header, floats(values));
  const zeros = (n: number) => new Array<number>(n).fill(0);
  const batch = { strategy: "top", budget: 1, seed: 1, segmentLength: null, threshold: null, picks: [{ key: `${s2?.id}:0-10`, rank: 0, reason: "corpus" }] };
  const label = { clientId: randomUUID(), queryId: w.queryId, anomalous: false, note: "" };
  const trainB = w.seqB.filter((s) => s.split === "train");
  const C = `/api/runs/${w.complete}`;
  const R = `/api/runs/${w.running}`;
  const A = `/api/datasets/${w.datasetA}`;
  const B = `/api/datasets/${w.datasetB}`;
  return [
    // Users (admin)
    { name: "user: invalid JSON", method: "POST", url: "/api/admin/users", raw: '{"email":', type: JSON_TYPE, status: 400, message: "The request body is not valid JSON." },
    { name: "user: empty body", method: "POST", url: "/api/admin/users", raw: "", type: JSON_TYPE, status: 400, message: "The request body is not valid JSON." },
    { name: "user: form-encoded body", method: "POST", url: "/api/admin/users", raw: "email=a%40b.c&role=admin", type: "application/x-www-form-urlencoded", status: 415, message: "Send the request body as application/json." },
    { name: "user: array instead of object", method: "POST", url: "/api/admin/users", body: [user], status: 422, message: "expected object, received array" },
    { name: "user: missing fields", method: "POST", url: "/api/admin/users", body: { email: user.email }, status: 422, message: "name:" },
    { name: "user: wrong types", method: "POST", url: "/api/admin/users", body: { email: 1, name: true, password: [], role: 5 }, status: 422, message: "email:" },
    { name: "user: extra field", method: "POST", url: "/api/admin/users", body: { ...user, isAdmin: true }, status: 422, message: 'Unrecognized key: "isAdmin"' },
    { name: "user: unknown role", method: "POST", url: "/api/admin/users", body: { ...user, role: "root" }, status: 422, message: "role:" },
    { name: "user: weak password", method: "POST", url: "/api/admin/users", body: { ...user, password: "short" }, status: 422, message: "password:" },
    { name: "user: NUL in the name", method: "POST", url: "/api/admin/users", body: { ...user, name: "Corpus\u0000user" }, status: 422, message: "The text at name holds a NUL character." },
    { name: "user: lone surrogate in the name", method: "POST", url: "/api/admin/users", body: { ...user, name: "Corpus \ud800 user" }, status: 422, message: "The text at name holds an unpaired UTF-16 surrogate" },
    { name: "user: NUL in a key", method: "POST", url: "/api/admin/users", body: { ...user, ["role\u0000"]: "admin" }, status: 422, message: "holds a NUL character" },
    { name: "user: deeply nested JSON", method: "POST", url: "/api/admin/users", raw: `{"email":"${user.email}","name":"x","password":"${user.password}","role":"analyst","x":${deep(100_000)}}`, type: JSON_TYPE, status: 400, message: "The JSON is nested more than 64 levels deep" },
    { name: "user: email in use", method: "POST", url: "/api/admin/users", body: { ...user, email: "admin@dqs.local" }, status: 409, message: "A user with the email admin@dqs.local already exists." },
    { name: "user: unknown id", method: "PATCH", url: "/api/admin/users/no-such-user", body: { role: "expert" }, status: 404, message: "No such user." },
    { name: "user: change with nothing to change", method: "PATCH", url: `/api/admin/users/${w.expertId}`, body: {}, status: 422, message: "Give a role or a password" },
    { name: "user: role as a number", method: "PATCH", url: `/api/admin/users/${w.expertId}`, body: { role: 1 }, status: 422, message: "role:" },
    // Sign-in (read before authentication)
    { name: "sign-in: not an email", method: "POST", url: "/api/auth/signin", body: { email: "nobody", password: "x" }, status: 422, message: "Enter a valid email address" },
    { name: "sign-in: body over 4 KiB", method: "POST", url: "/api/auth/signin", body: { email: "a@b.c", password: "x".repeat(5000) }, status: 413, message: "The request body is larger than 4 KiB." },
    { name: "sign-in: text/plain", method: "POST", url: "/api/auth/signin", raw: '{"email":"admin@dqs.local","password":"x"}', type: "text/plain", status: 415, message: "application/json" },
    // Dataset deletion, splits and assignments
    { name: "dataset delete: wrong name", method: "DELETE", url: A, body: { confirmName: "not the name" }, status: 422, message: `Type the dataset's name exactly (“${w.datasetAName}”) to delete it.` },
    { name: "dataset delete: no body", method: "DELETE", url: A, status: 415, message: "Send the request body as application/json." },
    { name: "dataset delete: confirmName as a number", method: "DELETE", url: A, body: { confirmName: 7 }, status: 422, message: "confirmName:" },
    { name: "dataset delete: unknown dataset", method: "DELETE", url: "/api/datasets/no-such-dataset", body: { confirmName: "x" }, status: 404, message: "No such dataset." },
    { name: "splits: empty list", method: "PATCH", url: `${B}/splits`, body: { changes: [] }, status: 422, message: "Change the split of at least one sequence" },
    { name: "splits: object instead of list", method: "PATCH", url: `${B}/splits`, body: { changes: { sequenceId: w.seqB[0]?.id, split: "test" } }, status: 422, message: "changes:" },
    { name: "splits: unknown split", method: "PATCH", url: `${B}/splits`, body: { changes: [{ sequenceId: w.seqB[0]?.id, split: "holdout" }] }, status: 422, message: "changes.0.split:" },
    { name: "splits: unknown sequence", method: "PATCH", url: `${B}/splits`, body: { changes: [{ sequenceId: "no-such-sequence", split: "test" }] }, status: 422, message: "no-such-sequence" },
    { name: "splits: a sequence listed twice", method: "PATCH", url: `${B}/splits`, body: { changes: [{ sequenceId: w.seqB[0]?.id, split: "test" }, { sequenceId: w.seqB[0]?.id, split: "train" }] }, status: 422, message: "is listed twice" },
    { name: "splits: no training sequence left", method: "PATCH", url: `${B}/splits`, body: { changes: trainB.map((s) => ({ sequenceId: s.id, split: "test" })) }, status: 422, message: "train" },
    { name: "splits: extra field in a change", method: "PATCH", url: `${B}/splits`, body: { changes: [{ sequenceId: w.seqB[0]?.id, split: "test", index: 0 }] }, status: 422, message: 'Unrecognized key: "index"' },
    { name: "splits: locked by a run", method: "PATCH", url: `${A}/splits`, body: { changes: [{ sequenceId: s1?.id, split: "test" }] }, status: 409, message: "The splits are locked" },
    { name: "assignments: an admin is no expert", method: "PUT", url: `${A}/assignments`, body: { userIds: [w.adminId] }, status: 422, message: "Only experts can be assigned to a dataset." },
    { name: "assignments: unknown user", method: "PUT", url: `${A}/assignments`, body: { userIds: ["no-such-user"] }, status: 422, message: "Only experts can be assigned to a dataset." },
    { name: "assignments: a string for the list", method: "PUT", url: `${A}/assignments`, body: { userIds: w.expertId }, status: 422, message: "userIds:" },
    { name: "assignments: unknown dataset", method: "PUT", url: "/api/datasets/no-such-dataset/assignments", body: { userIds: [] }, status: 404, message: "No such dataset." },
    // Runs
    { name: "run: unknown dataset", method: "POST", url: "/api/runs", body: { datasetId: "no-such-dataset", detector: "linear", config }, status: 404, message: "No such dataset." },
    { name: "run: unknown detector", method: "POST", url: "/api/runs", body: { datasetId: w.datasetA, detector: "gpt", config }, status: 422, message: "detector:" },
    { name: "run: negative window", method: "POST", url: "/api/runs", body: { datasetId: w.datasetA, detector: "linear", config: { ...config, windowSize: -1 } }, status: 422, message: "config.windowSize:" },
    { name: "run: NaN as a string", method: "POST", url: "/api/runs", body: { datasetId: w.datasetA, detector: "linear", config: { ...config, learningRate: "NaN" } }, status: 422, message: "config.learningRate:" },
    { name: "run: a number past float64 (1e400)", method: "POST", url: "/api/runs", raw: `{"datasetId":"${w.datasetA}","detector":"linear","config":{"windowSize":4,"epochs":1,"batchSize":8,"learningRate":1e400,"patience":1,"seed":1}}`, type: JSON_TYPE, status: 422, message: "config.learningRate:" },
    { name: "run: huge seed", method: "POST", url: "/api/runs", body: { datasetId: w.datasetA, detector: "linear", config: { ...config, seed: 2 ** 53 } }, status: 422, message: "config.seed:" },
    { name: "run: extra field", method: "POST", url: "/api/runs", body: { datasetId: w.datasetA, detector: "linear", config, status: "complete" }, status: 422, message: 'Unrecognized key: "status"' },
    { name: "run update: unknown status", method: "PATCH", url: R, body: { status: "done" }, status: 422, message: "status:" },
    { name: "run update: NaN threshold as a string", method: "PATCH", url: R, body: { threshold: "NaN" }, status: 422, message: "threshold:" },
    { name: "run update: complete without a threshold", method: "PATCH", url: R, body: { status: "complete" }, status: 422, message: "A complete run needs its unsupervised threshold." },
    { name: "run update: complete before every sequence is scored", method: "PATCH", url: R, body: { status: "complete", threshold: 1 }, status: 409, message: "sequences are scored" },
    { name: "run update: fractional epoch", method: "PATCH", url: R, body: { epochs: [{ epoch: 1.5, trainLoss: 1, valLoss: null, beta: 0, ms: 1 }] }, status: 422, message: "epochs.0.epoch:" },
    { name: "run update: NUL in the error", method: "PATCH", url: R, body: { status: "error", error: "boom\u0000" }, status: 422, message: "The text at error holds a NUL character." },
    { name: "run update: a finished run", method: "PATCH", url: C, body: {}, status: 409, message: "This run is complete; it can no longer be changed." },
    { name: "run update: unknown run", method: "PATCH", url: "/api/runs/no-such-run", body: {}, status: 404, message: "No such run." },
    { name: "run interrupt: unknown run", method: "POST", url: "/api/runs/no-such-run/interrupt", status: 404, message: "No such run." },
    // Scores and weights (binary frames)
    { name: "scores: empty body", method: "PUT", url: `${R}/scores`, raw: Buffer.alloc(0), type: OCTETS, status: 400, message: "The upload is shorter than its header." },
    { name: "scores: header longer than the upload", method: "PUT", url: `${R}/scores`, raw: rawFrame("{}").subarray(0, 5), type: OCTETS, status: 400, message: "The upload ends inside its header." },
    { name: "scores: header not JSON", method: "PUT", url: `${R}/scores`, raw: rawFrame("{nope"), type: OCTETS, status: 400, message: "The upload's header is not valid JSON." },
    { name: "scores: header without channels", method: "PUT", url: `${R}/scores`, raw: scores({ sequenceId: s1?.id, length: len }, zeros(len * 3)), type: OCTETS, status: 422, message: "channels:" },
    { name: "scores: extra header field", method: "PUT", url: `${R}/scores`, raw: scores({ sequenceId: s1?.id, length: len, channels: 2, max: 1 }, zeros(len * 3)), type: OCTETS, status: 422, message: 'Unrecognized key: "max"' },
    { name: "scores: NUL in the header", method: "PUT", url: `${R}/scores`, raw: scores({ sequenceId: `${s1?.id}\u0000`, length: len, channels: 2 }, zeros(len * 3)), type: OCTETS, status: 400, message: "holds a NUL character" },
    { name: "scores: body not whole float32 values", method: "PUT", url: `${R}/scores`, raw: frame({ sequenceId: s1?.id, length: len, channels: 2 }, Buffer.alloc(len * 12 + 2)), type: OCTETS, status: 422, message: "not a whole number of float32 values" },
    { name: "scores: fewer values than the header says", method: "PUT", url: `${R}/scores`, raw: scores({ sequenceId: s1?.id, length: len, channels: 2 }, zeros(len * 3 - 1)), type: OCTETS, status: 422, message: `Expected ${len * 3} scores, got ${len * 3 - 1}.` },
    { name: "scores: length other than the sequence's", method: "PUT", url: `${R}/scores`, raw: scores({ sequenceId: s1?.id, length: len - 1, channels: 2 }, zeros((len - 1) * 3)), type: OCTETS, status: 422, message: `Scores have ${len - 1} steps; the sequence has ${len}.` },
    { name: "scores: NaN in the score", method: "PUT", url: `${R}/scores`, raw: scores({ sequenceId: s1?.id, length: len, channels: 2 }, [0, Number.NaN, ...zeros(len * 3 - 2)]), type: OCTETS, status: 422, message: "Scores must be finite numbers; the score of step 1 is NaN." },
    { name: "scores: infinity in a channel score", method: "PUT", url: `${R}/scores`, raw: scores({ sequenceId: s1?.id, length: len, channels: 2 }, [...zeros(len * 2 + 3), Number.POSITIVE_INFINITY, ...zeros(len - 4)]), type: OCTETS, status: 422, message: "the channel score of step 3 of channel 1 is Infinity" },
    { name: "scores: sequence of another dataset", method: "PUT", url: `${R}/scores`, raw: scores({ sequenceId: w.seqB[0]?.id, length: len, channels: 2 }, zeros(len * 3)), type: OCTETS, status: 404, message: "That sequence is not in this run's dataset." },
    { name: "scores: a finished run", method: "PUT", url: `${C}/scores`, raw: scores({ sequenceId: s1?.id, length: len, channels: 2 }, zeros(len * 3)), type: OCTETS, status: 409, message: "This run is complete" },
    { name: "weights: config nested 100,000 levels", method: "PUT", url: `${R}/weights`, raw: rawFrame(`{"kind":"linear","config":{"a":${deep(100_000)}},"specs":[]}`), type: OCTETS, status: 400, message: "nested more than 64 levels deep" },
    { name: "weights: int32 weights", method: "PUT", url: `${R}/weights`, raw: frame({ kind: "linear", config: {}, specs: [{ name: "w", shape: [2], dtype: "int32" }] }, Buffer.alloc(8)), type: OCTETS, status: 422, message: "specs.0.dtype:" },
    { name: "weights: bytes other than the specs say", method: "PUT", url: `${R}/weights`, raw: frame({ kind: "linear", config: {}, specs: [{ name: "w", shape: [2, 3], dtype: "float32" }] }, Buffer.alloc(8)), type: OCTETS, status: 422, message: "The weights hold 8 bytes; their specs say 24." },
    { name: "weights: negative shape", method: "PUT", url: `${R}/weights`, raw: frame({ kind: "linear", config: {}, specs: [{ name: "w", shape: [-2], dtype: "float32" }] }, Buffer.alloc(0)), type: OCTETS, status: 422, message: "specs.0.shape.0:" },
    { name: "weights: unknown detector", method: "PUT", url: `${R}/weights`, raw: frame({ kind: "gpt", config: {}, specs: [] }), type: OCTETS, status: 422, message: "kind:" },
    // Batches (on the complete run)
    { name: "batch: no picks", method: "POST", url: `${C}/batches`, body: { ...batch, picks: [] }, status: 422, message: "picks:" },
    { name: "batch: unknown strategy", method: "POST", url: `${C}/batches`, body: { ...batch, strategy: "best" }, status: 422, message: "strategy:" },
    { name: "batch: rank past any batch", method: "POST", url: `${C}/batches`, body: { ...batch, picks: [{ ...batch.picks[0], rank: 1e12 }] }, status: 422, message: "A rank is below 1000" },
    { name: "batch: budget 0", method: "POST", url: `${C}/batches`, body: { ...batch, budget: 0 }, status: 422, message: "budget:" },
    { name: "batch: segment length 1", method: "POST", url: `${C}/batches`, body: { ...batch, segmentLength: 1 }, status: 422, message: "segmentLength:" },
    { name: "batch: Infinity as a string", method: "POST", url: `${C}/batches`, body: { ...batch, threshold: "Infinity" }, status: 422, message: "threshold:" },
    { name: "batch: a key that is no stretch", method: "POST", url: `${C}/batches`, body: { ...batch, picks: [{ key: "abc", rank: 0, reason: "" }] }, status: 422, message: '"abc" is not a candidate key.' },
    { name: "batch: a stretch past the sequence end", method: "POST", url: `${C}/batches`, body: { ...batch, picks: [{ key: `${s2?.id}:0-999`, rank: 0, reason: "" }] }, status: 422, message: "ends after the sequence (40 steps)" },
    { name: "batch: a sequence of another dataset", method: "POST", url: `${C}/batches`, body: { ...batch, picks: [{ key: `${w.seqB[0]?.id}:0-10`, rank: 0, reason: "" }] }, status: 422, message: "is not in this run's dataset." },
    { name: "batch: a stretch queried before", method: "POST", url: `${C}/batches`, body: { ...batch, picks: [{ key: w.queryKey, rank: 0, reason: "" }] }, status: 409, message: "Already queried" },
    { name: "batch: a rank given twice", method: "POST", url: `${C}/batches`, body: { ...batch, picks: [{ key: `${s2?.id}:0-10`, rank: 0, reason: "" }, { key: `${s2?.id}:10-20`, rank: 0, reason: "" }] }, status: 422, message: "Rank 0 is given twice in this batch" },
    { name: "batch: NUL in a reason", method: "POST", url: `${C}/batches`, body: { ...batch, picks: [{ ...batch.picks[0], reason: "\u0000" }] }, status: 422, message: "The text at picks.0.reason holds a NUL character." },
    { name: "batch: a run still training", method: "POST", url: `${R}/batches`, body: batch, status: 409, message: "Queries need a complete run; this one is running." },
    // Labels and resolutions
    { name: "label: unknown query", as: "expert", method: "POST", url: "/api/labels", body: { ...label, queryId: "no-such-query" }, status: 404, message: "No such query, or its dataset is not assigned to you." },
    { name: "label: clientId not a UUID", as: "expert", method: "POST", url: "/api/labels", body: { ...label, clientId: "1" }, status: 422, message: "clientId:" },
    { name: "label: anomalous without an onset", as: "expert", method: "POST", url: "/api/labels", body: { ...label, anomalous: true }, status: 422, message: "An anomalous label needs its onset." },
    { name: "label: onset outside the stretch", as: "expert", method: "POST", url: "/api/labels", body: { ...label, anomalous: true, onset: 500 }, status: 422, message: "The onset 500 is outside the queried stretch [0, 40)." },
    { name: "label: negative onset", as: "expert", method: "POST", url: "/api/labels", body: { ...label, anomalous: true, onset: -1 }, status: 422, message: "onset:" },
    { name: "label: anomalous as a string", as: "expert", method: "POST", url: "/api/labels", body: { ...label, anomalous: "yes" }, status: 422, message: "anomalous:" },
    { name: "label: note too long", as: "expert", method: "POST", url: "/api/labels", body: { ...label, note: "n".repeat(2001) }, status: 422, message: "note:" },
    { name: "label: lone surrogate in the note", as: "expert", method: "POST", url: "/api/labels", body: { ...label, note: "\udc00" }, status: 422, message: "The text at note holds an unpaired UTF-16 surrogate" },
    { name: "label: extra field", as: "expert", method: "POST", url: "/api/labels", body: { ...label, userId: w.adminId }, status: 422, message: 'Unrecognized key: "userId"' },
    { name: "label undo: not a UUID", as: "expert", method: "DELETE", url: "/api/labels/not-a-uuid", status: 422, message: "Invalid UUID" },
    { name: "label undo: unknown label", as: "expert", method: "DELETE", url: `/api/labels/${randomUUID()}`, status: 404, message: "No such label (already undone?)." },
    { name: "resolution: unknown query", method: "PUT", url: "/api/queries/no-such-query/resolution", body: { labelId: null }, status: 404, message: "No such query." },
    { name: "resolution: label id as a number", method: "PUT", url: `/api/queries/${w.queryId}/resolution`, body: { labelId: 5 }, status: 422, message: "labelId:" },
    { name: "resolution: unknown label", method: "PUT", url: `/api/queries/${w.queryId}/resolution`, body: { labelId: "no-such-label" }, status: 409, message: "That label no longer exists" },
    { name: "resolution: no labelId", method: "PUT", url: `/api/queries/${w.queryId}/resolution`, body: {}, status: 422, message: "labelId:" },
    // Manual thresholds
    { name: "manual threshold: no reason", method: "PUT", url: `${C}/manual-threshold`, body: { value: 1 }, status: 422, message: "reason:" },
    { name: "manual threshold: reason too short", method: "PUT", url: `${C}/manual-threshold`, body: { value: 1, reason: "ab" }, status: 422, message: "Say why (at least 3 characters)." },
    { name: "manual threshold: value as a string", method: "PUT", url: `${C}/manual-threshold`, body: { value: "1", reason: "corpus" }, status: 422, message: "value:" },
    { name: "manual threshold: 1e400", method: "PUT", url: `${C}/manual-threshold`, raw: '{"value":1e400,"reason":"corpus"}', type: JSON_TYPE, status: 422, message: "value:" },
    { name: "manual threshold: clearing none", method: "PUT", url: `${C}/manual-threshold`, body: { value: null, reason: "corpus" }, status: 409, message: "This run has no manual threshold to clear." },
    { name: "manual threshold: a run still training", method: "PUT", url: `${R}/manual-threshold`, body: { value: 1, reason: "corpus" }, status: 409, message: "Thresholds need a complete run; this one is running." },
    // Run deletion
    { name: "run delete: confirm false", method: "DELETE", url: C, body: { confirm: false }, status: 422, message: "confirm:" },
    { name: "run delete: confirm as a string", method: "DELETE", url: C, body: { confirm: "true" }, status: 422, message: "confirm:" },
    { name: "run delete: a run still training", method: "DELETE", url: R, body: { confirm: true }, status: 409, message: "This run is still training" },
    { name: "run delete: unknown run", method: "DELETE", url: "/api/runs/no-such-run", body: { confirm: true }, status: 404, message: "No such run." },
  ];
}
