/**
 * CSV import (pure): checks and reads the records a CSV parser yields into float32 columns per
 * sequence, then preprocesses them as the DQS pipeline does. lib/server/import.ts feeds it from
 * streamed uploads; the upload form uses the preview and the same header rules.
 */
export { ImportError, isImportError, type ImportErrorCode, type ImportErrorDetails } from "./errors";
export { IMPORT_LIMITS, FLOAT32_MAX } from "./limits";
export { createEncodingChecker, checkFileStart, type EncodingChecker } from "./encoding";
export { validateHeader, resolveColumns } from "./header";
export { createImportSession, type ImportSession } from "./session";
export type { ParsedImport, ParsedSequence } from "./finish";
export { prepareImport, type PreparedImport, type PreparedSequence } from "./prepare";
export { previewCsv, guessMapping, splitCsvRecords, type CsvPreview, type MappingGuess } from "./preview";
