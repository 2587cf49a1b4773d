/**
 * Checks that a CSV file is UTF-8 (with or without a byte-order mark), chunk by chunk, and says where
 * it is not: UTF-16/32 files, NUL bytes (anywhere in the file), and invalid byte sequences, with their line.
 */
import { ImportError } from "./errors";

const NL = 10;
/** How far into a file to look for NUL bytes (UTF-16 without a byte-order mark, binary files). */
const NUL_WINDOW = 4096;

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Refuses files that announce another encoding, or that look like UTF-16 or binary. */
export function checkFileStart(bytes: Uint8Array, file: string): void {
  const other =
    startsWith(bytes, [0x00, 0x00, 0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])
      ? "UTF-32"
      : startsWith(bytes, [0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe])
        ? "UTF-16"
        : null;
  if (other) {
    throw new ImportError("encoding", `the file is ${other} encoded; save it as UTF-8 CSV`, { file, line: 1 });
  }
  const nul = bytes.subarray(0, NUL_WINDOW).indexOf(0);
  if (nul >= 0) {
    throw new ImportError(
      "encoding",
      "the file holds NUL bytes: it looks like UTF-16 without a byte-order mark, or not a text file; save it as UTF-8 CSV",
      { file, line: lineAt(bytes, nul) },
    );
  }
}

/** 1-based line of byte `offset` within `bytes`. */
function lineAt(bytes: Uint8Array, offset: number): number {
  return countNewlines(bytes.subarray(0, offset)) + 1;
}

export function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(NL); i >= 0; i = bytes.indexOf(NL, i + 1)) n++;
  return n;
}

/** Length of the UTF-8 sequence that `lead` starts, or 0 when `lead` cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Offset of the first byte of `bytes` that is not part of a valid UTF-8 sequence (overlong forms and
 * surrogates are not caught here: the decoder catches them, and this only locates the line), or -1.
 * A sequence cut off by the end of `bytes` counts as valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const length = sequenceLength(bytes[i] ?? 0);
    if (length === 0) return i;
    for (let k = 1; k < length && i + k < bytes.length; k++) {
      if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return -1;
}

export type EncodingChecker = {
  /** Checks the next chunk; throws an ImportError naming the line of the first bad byte. */
  push(chunk: Uint8Array): void;
  /** Checks that the file does not end in the middle of a character. */
  end(): void;
};

export function createEncodingChecker(file: string): EncodingChecker {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let started = false;
  let lines = 1;
  const fail = (line: number): never => {
    throw new ImportError("encoding", "the file is not valid UTF-8 (a wrong encoding, e.g. Latin-1 or UTF-16); save it as UTF-8 CSV", {
      file,
      line,
    });
  };
  return {
    push(chunk) {
      if (chunk.byteLength === 0) return;
      if (!started) checkFileStart(chunk, file);
      started = true;
      // Past the start too: a NUL byte is never text, and PostgreSQL cannot store one in a name.
      const nul = chunk.indexOf(0);
      if (nul >= 0) {
        throw new ImportError("encoding", "the file holds a NUL byte, which is not text; save it as UTF-8 CSV", {
          file,
          line: lines + countNewlines(chunk.subarray(0, nul)),
        });
      }
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        const at = firstInvalidUtf8(chunk);
        fail(lines + countNewlines(chunk.subarray(0, Math.max(0, at))));
      }
      lines += countNewlines(chunk);
    },
    end() {
      try {
        decoder.decode();
      } catch {
        fail(lines);
      }
    },
  };
}
