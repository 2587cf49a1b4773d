import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "../errors";
import { blocksOf } from "../import/blocks";
import {
  createUploadSchema,
  uploadIdSchema,
  type CreateUploadInput,
  type ImportPhase,
  type ImportProgress,
} from "../validations/dataset-import";
import { db } from "./db";
import { uploadChunks } from "./upload-chunks";

/**
 * Uploads are staged in the database — an Upload row with the mapping and the file list, then each
 * file's bytes in 1 MiB UploadChunk rows, through the driver (upload-chunks.ts) — so that any app instance can receive a file, import the
 * upload or report its progress (a load balancer may send each request elsewhere). The import reads
 * every file back as a stream, chunk by chunk, and a failed upload leaves no dataset behind: the
 * staged rows are removed when the import ends, fails or is cancelled.
 *
 * A file is received under a fresh attempt id and becomes the file's content only once it has
 * arrived whole (UploadFile points at the attempt), so a PUT cut off halfway leaves nothing of itself
 * and keeps the previous complete copy, if any.
 */

/** Staged uploads older than this are removed when a new upload starts. */
const STALE_MS = 6 * 60 * 60 * 1000;
/** An import whose progress has not moved for this long is taken to have died with its instance. */
const IMPORT_SILENT_MS = 10 * 60 * 1000;
/** Bytes per stored chunk. */
const CHUNK_BYTES = 1 << 20;
/** At most one progress write per this many milliseconds (and one per phase change). */
const PROGRESS_EVERY_MS = 250;

/** `importing`: an import of it is under way (on any instance) as of this read. */
export type StagedUpload = CreateUploadInput & { id: string; createdById: string; createdAt: number; importing: boolean };

async function sweepStale(): Promise<void> {
  await db.upload.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - STALE_MS) } } });
}

export async function assertNameFree(name: string): Promise<void> {
  if (await db.dataset.findUnique({ where: { name }, select: { id: true } })) {
    throw new AppError("conflict", `A dataset named "${name}" already exists.`);
  }
}

export async function createUpload(input: CreateUploadInput, userId: string): Promise<{ uploadId: string }> {
  await assertNameFree(input.mapping.name);
  await sweepStale();
  const id = randomUUID();
  await db.upload.create({ data: { id, createdById: userId, meta: { mapping: input.mapping, files: input.files } } });
  return { uploadId: id };
}

const NO_SUCH_UPLOAD = "No such upload; it may have been imported or cancelled already.";

/** The staged upload, if it exists and belongs to the user (otherwise 404: ids are not for sharing). */
export async function loadUpload(id: string, userId: string): Promise<StagedUpload> {
  const parsedId = uploadIdSchema.safeParse(id);
  const row = parsedId.success ? await db.upload.findUnique({ where: { id: parsedId.data } }) : null;
  if (row === null || row.createdById !== userId) throw new AppError("not_found", NO_SUCH_UPLOAD);
  const input = createUploadSchema.parse(row.meta);
  return {
    ...input,
    id: row.id,
    createdById: row.createdById,
    createdAt: row.createdAt.getTime(),
    importing: importUnderWay(row, Date.now()),
  };
}

function importUnderWay(row: { phase: string | null; progressAt: Date | null }, now: number): boolean {
  return row.phase !== null && row.progressAt !== null && now - row.progressAt.getTime() < IMPORT_SILENT_MS;
}

async function* chunksOf(body: ReadableStream<Uint8Array>, limit: number, name: string): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      received += value.byteLength;
      if (received > limit)
        throw new AppError("too_large", `${name} is larger than the ${limit.toLocaleString("en-US")} bytes announced for it.`);
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** Streams one file's body into the database; it must hold exactly the bytes announced when the upload began. */
export async function receiveFile(
  id: string,
  index: number,
  body: ReadableStream<Uint8Array> | null,
  userId: string,
): Promise<{ bytes: number }> {
  const staged = await loadUpload(id, userId);
  const file = staged.files[index];
  if (!file) throw new AppError("not_found", `The upload has no file number ${index + 1}.`);
  if (staged.importing) throw new AppError("conflict", "This upload is being imported; its files can no longer change.");
  const attemptId = randomUUID();
  let size = 0;
  try {
    let seq = 0;
    const empty = (async function* () {})();
    for await (const block of blocksOf(body ? chunksOf(body, file.size, file.name) : empty, CHUNK_BYTES)) {
      await uploadChunks().put(attemptId, seq++, id, block);
      size += block.byteLength;
    }
    if (size !== file.size)
      throw new AppError("bad_request", `${file.name} arrived with ${size} of its ${file.size} bytes; send it again.`);
    await db.$transaction(async (tx) => {
      const previous = await tx.uploadFile.findUnique({ where: { uploadId_index: { uploadId: id, index } } });
      await tx.uploadFile.upsert({
        where: { uploadId_index: { uploadId: id, index } },
        create: { uploadId: id, index, attemptId, bytes: size },
        update: { attemptId, bytes: size },
      });
      if (previous) await tx.uploadChunk.deleteMany({ where: { attemptId: previous.attemptId } });
    });
    return { bytes: size };
  } catch (error) {
    await db.uploadChunk.deleteMany({ where: { attemptId } }).catch(() => undefined);
    // Cancelled while it was arriving: the chunks' upload is gone.
    if (!(error instanceof AppError) && (await db.upload.count({ where: { id } })) === 0) throw new AppError("not_found", NO_SUCH_UPLOAD);
    throw error;
  }
}

/** One staged file's bytes, chunk after chunk, read from the database as the consumer asks for them. */
async function* chunksFromDb(attemptId: string): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq++) {
    const data = await uploadChunks().get(attemptId, seq);
    if (!data) return;
    yield data;
  }
}

/** The staged files as streams, in upload order; throws when one has not arrived. */
export async function stagedSources(
  staged: StagedUpload,
): Promise<{ name: string; size: number; open: () => AsyncIterable<Uint8Array> }[]> {
  const arrived = await db.uploadFile.findMany({ where: { uploadId: staged.id } });
  return staged.files.map((f, index) => {
    const file = arrived.find((a) => a.index === index);
    if (!file || file.bytes !== f.size) throw new AppError("bad_request", `${f.name} has not been uploaded yet.`);
    return { name: f.name, size: f.size, open: () => chunksFromDb(file.attemptId) };
  });
}

export async function removeUpload(id: string): Promise<void> {
  await db.upload.deleteMany({ where: { id } });
}

/**
 * Marks the import as started, unless one is under way (on any instance): false then. An import
 * whose progress has been silent for IMPORT_SILENT_MS is taken over.
 */
export async function claimImport(id: string, userId: string): Promise<boolean> {
  const now = new Date();
  const { count } = await db.upload.updateMany({
    where: {
      id,
      createdById: userId,
      OR: [{ phase: null }, { progressAt: null }, { progressAt: { lt: new Date(now.getTime() - IMPORT_SILENT_MS) } }],
    },
    data: { phase: "parse", done: 0, total: 1, progressAt: now },
  });
  return count === 1;
}

/** Back to "not started" (after a refusal that lets the user send a missing file and try again). */
export async function releaseImport(id: string): Promise<void> {
  await db.upload.updateMany({ where: { id }, data: { phase: null, done: 0, total: 0, progressAt: null } });
}

/**
 * A progress reporter for the import of `id`: writes at most one update per PROGRESS_EVERY_MS (and
 * every phase change), in order, never failing the import; `flush` waits for the writes.
 */
export function progressWriter(id: string): {
  report: (phase: ImportPhase, done: number, total: number) => void;
  flush: () => Promise<void>;
} {
  let chain: Promise<unknown> = Promise.resolve();
  let lastPhase: ImportPhase | null = null;
  let lastAt = 0;
  return {
    report(phase, done, total) {
      const now = Date.now();
      if (phase === lastPhase && now - lastAt < PROGRESS_EVERY_MS) return;
      lastPhase = phase;
      lastAt = now;
      chain = chain
        .then(() => db.upload.updateMany({ where: { id }, data: { phase, done, total, progressAt: new Date(now) } }))
        .catch(() => undefined);
    },
    flush: () => chain.then(() => undefined),
  };
}

/** Progress of the import (for the upload form's bar); null before it starts and after it ends. */
export async function getProgress(id: string): Promise<ImportProgress | null> {
  const parsedId = uploadIdSchema.safeParse(id);
  const row = parsedId.success
    ? await db.upload.findUnique({ where: { id: parsedId.data }, select: { phase: true, done: true, total: true, progressAt: true } })
    : null;
  if (!row || row.phase === null || row.progressAt === null) return null;
  return { phase: row.phase as ImportPhase, done: row.done, total: row.total, updatedAt: row.progressAt.getTime() };
}
