import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { env } from "../env.mjs";
import { AppError } from "../errors";
import { createUploadSchema, uploadIdSchema, type CreateUploadInput } from "../validations/dataset-import";
import { db } from "./db";

/**
 * Uploads are staged on disk under DATA_DIR/uploads/<id>/ — a meta.json with the mapping and the
 * file list, then one file per PUT — and imported from there in one go, so that an import reads
 * every file as a stream and a failed upload leaves no trace in the database.
 */
const ROOT = path.join(env.DATA_DIR, "uploads");
/** Staged uploads older than this are removed when a new upload starts. */
const STALE_MS = 6 * 60 * 60 * 1000;

export type StagedUpload = CreateUploadInput & { id: string; createdById: string; createdAt: number };

const dirOf = (id: string) => path.join(ROOT, uploadIdSchema.parse(id));
const fileOf = (id: string, index: number) => path.join(dirOf(id), `${index}.csv`);

async function sweepStale(): Promise<void> {
  const entries = await readdir(ROOT).catch(() => []);
  await Promise.all(
    entries.map(async (name) => {
      const info = await stat(path.join(ROOT, name)).catch(() => null);
      if (info && Date.now() - info.mtimeMs > STALE_MS) await rm(path.join(ROOT, name), { recursive: true, force: true });
    }),
  );
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
  await mkdir(dirOf(id), { recursive: true });
  const staged: StagedUpload = { ...input, id, createdById: userId, createdAt: Date.now() };
  await writeFile(path.join(dirOf(id), "meta.json"), JSON.stringify(staged));
  return { uploadId: id };
}

/** The staged upload, if it exists and belongs to the user (otherwise 404: ids are not for sharing). */
export async function loadUpload(id: string, userId: string): Promise<StagedUpload> {
  const parsedId = uploadIdSchema.safeParse(id);
  const text = parsedId.success ? await readFile(path.join(dirOf(parsedId.data), "meta.json"), "utf8").catch(() => null) : null;
  if (text === null) throw new AppError("not_found", "No such upload; it may have been imported or cancelled already.");
  const meta = JSON.parse(text) as { id: string; createdById: string; createdAt: number; mapping: unknown; files: unknown };
  const input = createUploadSchema.parse({ mapping: meta.mapping, files: meta.files });
  const staged: StagedUpload = { ...input, id: meta.id, createdById: meta.createdById, createdAt: meta.createdAt };
  if (staged.createdById !== userId) throw new AppError("not_found", "No such upload.");
  return staged;
}

async function* chunksOf(body: ReadableStream<Uint8Array>, limit: number, name: string): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      received += value.byteLength;
      if (received > limit) throw new AppError("too_large", `${name} is larger than the ${limit.toLocaleString("en-US")} bytes announced for it.`);
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** Streams one file's body to disk; it must hold exactly the bytes announced when the upload began. */
export async function receiveFile(id: string, index: number, body: ReadableStream<Uint8Array> | null, userId: string): Promise<{ bytes: number }> {
  const staged = await loadUpload(id, userId);
  const file = staged.files[index];
  if (!file) throw new AppError("not_found", `The upload has no file number ${index + 1}.`);
  const part = `${fileOf(id, index)}.part`;
  try {
    await pipeline(body ? chunksOf(body, file.size, file.name) : [], createWriteStream(part));
    const { size } = await stat(part);
    if (size !== file.size) throw new AppError("bad_request", `${file.name} arrived with ${size} of its ${file.size} bytes; send it again.`);
    await rename(part, fileOf(id, index));
    return { bytes: size };
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}

/** The staged files as streams, in upload order; throws when one has not arrived. */
export async function stagedSources(staged: StagedUpload): Promise<{ name: string; size: number; open: () => AsyncIterable<Uint8Array> }[]> {
  return Promise.all(
    staged.files.map(async (f, index) => {
      const file = fileOf(staged.id, index);
      const info = await stat(file).catch(() => null);
      if (!info || info.size !== f.size) throw new AppError("bad_request", `${f.name} has not been uploaded yet.`);
      return { name: f.name, size: f.size, open: () => createReadStream(file, { highWaterMark: 1 << 20 }) };
    }),
  );
}

export async function removeUpload(id: string): Promise<void> {
  await rm(dirOf(id), { recursive: true, force: true });
}
