-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DetectorRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "datasetId" TEXT NOT NULL,
    "detector" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "backend" TEXT,
    "backendReason" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "metrics" JSONB,
    "weightsSpec" JSONB,
    "weights" BLOB,
    "threshold" REAL,
    "thresholdVersion" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "heartbeatAt" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DetectorRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "DetectorRun_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DetectorRun" ("backend", "backendReason", "config", "createdAt", "createdById", "datasetId", "detector", "error", "finishedAt", "heartbeatAt", "id", "metrics", "startedAt", "status", "threshold", "weights", "weightsSpec") SELECT "backend", "backendReason", "config", "createdAt", "createdById", "datasetId", "detector", "error", "finishedAt", "heartbeatAt", "id", "metrics", "startedAt", "status", "threshold", "weights", "weightsSpec" FROM "DetectorRun";
DROP TABLE "DetectorRun";
ALTER TABLE "new_DetectorRun" RENAME TO "DetectorRun";
CREATE TABLE "new_Threshold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "kind" TEXT NOT NULL,
    "f1" REAL,
    "precision" REAL,
    "recall" REAL,
    "labelCount" INTEGER NOT NULL DEFAULT 0,
    "anomalousCount" INTEGER,
    "placement" TEXT,
    "lower" REAL,
    "upper" REAL,
    "normalAlarmShare" REAL,
    "warning" TEXT,
    "reason" TEXT,
    "detail" JSONB,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Threshold_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Threshold_runId_fkey" FOREIGN KEY ("runId") REFERENCES "DetectorRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Threshold" ("createdAt", "createdById", "f1", "id", "kind", "labelCount", "precision", "recall", "runId", "value") SELECT "createdAt", "createdById", "f1", "id", "kind", "labelCount", "precision", "recall", "runId", "value" FROM "Threshold";
DROP TABLE "Threshold";
ALTER TABLE "new_Threshold" RENAME TO "Threshold";
CREATE INDEX "Threshold_runId_createdAt_idx" ON "Threshold"("runId", "createdAt");
CREATE INDEX "Threshold_runId_kind_version_idx" ON "Threshold"("runId", "kind", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

